// Glue for a page: one live store fed by one socket, and the browser's online/offline events.
// The page calls close() when it is destroyed, which stops the socket and removes every listener,
// so navigating between pages never leaves a socket or handler behind.
import type { Delta } from './frame-reducer';
import type { LiveStore } from './live-store';
import { createStreamSocket, type StreamSocketOptions } from './stream-socket';
import type { SymbolSet } from './subscription';
import { fetchTicket } from './ticket';

export type LiveConnectionOptions = {
  url: string;
  store: LiveStore;
  symbols: SymbolSet;
  /** Called with what each applied frame changed (new rows only, after dedupe). */
  onDelta?: (delta: Delta) => void;
  onUnauthorized: () => void;
  socket?: Partial<StreamSocketOptions>;
};

export type LiveConnection = { setSymbols(symbols: SymbolSet): void; retryNow(): void; close(): void };

export function connectLive({ url, store, symbols, onDelta, onUnauthorized, socket: overrides }: LiveConnectionOptions): LiveConnection {
  const socket = createStreamSocket({
    url,
    symbols,
    getTicket: () => fetchTicket(),
    lastSeq: () => store.lastSeq(),
    isOnline: () => (typeof navigator === 'undefined' ? true : navigator.onLine),
    onFrame(frame) {
      const outcome = store.push(frame);
      if (outcome.applied) onDelta?.(outcome.delta);
    },
    onState(state) {
      store.setConnection(state);
      if (state.phase === 'unauthorized') onUnauthorized();
    },
    ...overrides,
  });
  const online = () => socket.retryNow();
  const offline = () => store.setConnection({ phase: 'offline' });
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  const ticker = setInterval(() => store.tick(), 1000);
  socket.start();
  return {
    setSymbols: (next) => socket.setSymbols(next),
    retryNow: () => socket.retryNow(),
    close() {
      clearInterval(ticker);
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      socket.stop();
    },
  };
}
