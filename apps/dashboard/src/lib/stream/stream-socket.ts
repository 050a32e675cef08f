// One WebSocket to the fanout, kept alive: a fresh ticket per attempt, jittered exponential
// backoff between attempts, `resume` from the last applied seq after a reconnect, symbol narrowing
// kept in step with the filters, and a ping when the line goes quiet so a half-open connection is
// noticed. Handlers are bound per socket and ignored once that socket is replaced or stopped, so
// a reconnect never leaves two sockets feeding the page.
import { createBackoff } from './backoff';
import { closeReason, type ConnectionState } from './connection-state';
import { createHeartbeat } from './heartbeat';
import { parseFrame } from './parse-frame';
import type { SocketLike, StreamSocket, StreamSocketOptions, TicketResult } from './socket-types';
import { normalizeSymbols, subscriptionOps, type ClientOp, type SymbolSet } from './subscription';

export type { SocketLike, StreamSocket, StreamSocketOptions, TicketResult } from './socket-types';

const OPEN = 1;
type Timer = ReturnType<typeof setTimeout> | undefined;

export function createStreamSocket(o: StreamSocketOptions): StreamSocket {
  const open = o.open ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const backoff = o.backoff ?? createBackoff();
  const isOnline = o.isOnline ?? (() => true);
  const { heartbeatMs = 25_000, heartbeatTimeoutMs = 10_000, stableMs = 5_000 } = o;

  let ws: SocketLike | null = null;
  let stopped = false;
  let attemptId = 0;
  let wanted = normalizeSymbols(o.symbols ?? null);
  /** The narrowing the current socket has been told about. */
  let applied: SymbolSet = null;
  let state: ConnectionState = { phase: 'closed' };
  let retryTimer: Timer;
  let stableTimer: Timer;

  const setState = (next: ConnectionState) => {
    state = next;
    o.onState(next);
  };
  const send = (op: ClientOp) => ws?.send(JSON.stringify(op));
  const heartbeat = createHeartbeat({
    quietMs: heartbeatMs,
    timeoutMs: heartbeatTimeoutMs,
    ping: () => send({ op: 'ping' }),
    dead: () => {
      detach()?.close(4000, 'no answer');
      scheduleRetry('no answer from the server');
    },
  });

  /** Forgets the current socket: its late events find `ws !== socket` and do nothing. */
  function detach(): SocketLike | null {
    const socket = ws;
    ws = null;
    heartbeat.stop();
    clearTimeout(stableTimer);
    if (socket) socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    return socket;
  }

  function scheduleRetry(reason: string) {
    clearTimeout(retryTimer);
    if (stopped) return;
    if (!isOnline()) return setState({ phase: 'offline' });
    const delay = backoff.next();
    setState({ phase: 'reconnecting', retryAt: Date.now() + delay, attempt: backoff.attempt, reason });
    retryTimer = setTimeout(() => void connect(), delay);
  }

  function onOpen() {
    const since = o.lastSeq();
    // resume first: the fanout replays from `since` before any live frame reaches this socket.
    if (since !== null) send({ op: 'resume', since });
    const ops = subscriptionOps(null, wanted);
    for (const op of ops) send(op);
    applied = wanted;
    // Without a first client frame the fanout waits out its resume window before delivering.
    if (since === null && ops.length === 0) send({ op: 'ping' });
    heartbeat.arm();
  }

  function onMessage(data: unknown) {
    heartbeat.arm();
    const frame = parseFrame(data);
    if (!frame) return;
    if (frame.event === 'welcome') {
      setState({ phase: 'live', since: Date.now() });
      stableTimer = setTimeout(() => backoff.reset(), stableMs);
    }
    o.onFrame(frame);
  }

  function onClose(code: number) {
    if (code === 4001) {
      stopped = true;
      return setState({ phase: 'unauthorized' });
    }
    scheduleRetry(closeReason(code));
  }

  async function connect() {
    clearTimeout(retryTimer);
    if (stopped || ws) return;
    if (!isOnline()) return setState({ phase: 'offline' });
    const attempt = ++attemptId;
    setState({ phase: 'connecting', attempt: backoff.attempt });
    let ticket: TicketResult;
    try {
      ticket = await o.getTicket();
    } catch (error) {
      ticket = { ok: false, unauthorized: false, message: error instanceof Error ? error.message : String(error) };
    }
    // stop() or a newer attempt ran while the ticket was on its way.
    if (stopped || attempt !== attemptId || ws) return;
    if (!ticket.ok) {
      if (!ticket.unauthorized) return scheduleRetry(`no ticket: ${ticket.message}`);
      stopped = true;
      return setState({ phase: 'unauthorized' });
    }
    const separator = o.url.includes('?') ? '&' : '?';
    let socket: SocketLike;
    try {
      socket = open(`${o.url}${separator}token=${encodeURIComponent(ticket.token)}`);
    } catch (error) {
      return scheduleRetry(`cannot open: ${error instanceof Error ? error.message : String(error)}`);
    }
    ws = socket;
    applied = null;
    socket.onopen = () => {
      if (ws === socket) onOpen();
    };
    socket.onmessage = (ev) => {
      if (ws === socket) onMessage(ev.data);
    };
    socket.onclose = (ev) => {
      if (ws !== socket) return;
      detach();
      onClose(ev.code);
    };
    // An error is always followed by close, which decides what happens next.
    socket.onerror = () => undefined;
  }

  return {
    start() {
      stopped = false;
      void connect();
    },
    stop() {
      stopped = true;
      attemptId++;
      clearTimeout(retryTimer);
      detach()?.close(1000, 'page closed');
      setState({ phase: 'closed' });
    },
    setSymbols(symbols) {
      wanted = normalizeSymbols(symbols);
      if (!ws || ws.readyState !== OPEN) return; // onOpen applies `wanted`
      for (const op of subscriptionOps(applied, wanted)) send(op);
      applied = wanted;
    },
    retryNow() {
      if (stopped || ws) return;
      void connect();
    },
    get state() {
      return state;
    },
  };
}
