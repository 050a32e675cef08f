// The stream socket's shapes: what it needs from the page (options) and from the browser
// (SocketLike, so tests can pass a fake), and what it offers (StreamSocket).
import type { ServerFrame } from '@tickstock/contracts';
import type { Backoff } from './backoff';
import type { ConnectionState } from './connection-state';
import type { SymbolSet } from './subscription';

export type TicketResult = { ok: true; token: string } | { ok: false; unauthorized: boolean; message: string };

/** The part of the browser's WebSocket this module uses; tests pass a fake. */
export type SocketLike = {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
};

export type StreamSocketOptions = {
  /** ws://host:8090/ws: the ticket is added as `?token=`. */
  url: string;
  getTicket: () => Promise<TicketResult>;
  /** The seq to resume from after a reconnect (the model's last applied one). */
  lastSeq: () => string | null;
  onFrame: (frame: ServerFrame) => void;
  onState: (state: ConnectionState) => void;
  symbols?: SymbolSet;
  open?: (url: string) => SocketLike;
  backoff?: Backoff;
  isOnline?: () => boolean;
  /** Quiet this long → ping; no frame within heartbeatTimeoutMs after it → reconnect. */
  heartbeatMs?: number;
  heartbeatTimeoutMs?: number;
  /** A connection must stay up this long before the backoff starts again from its base. */
  stableMs?: number;
};

export type StreamSocket = {
  start(): void;
  stop(): void;
  setSymbols(symbols: SymbolSet): void;
  /** Connect now instead of waiting out the backoff (the browser came back online, or a button). */
  retryNow(): void;
  readonly state: ConnectionState;
};
