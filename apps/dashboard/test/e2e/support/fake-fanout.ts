// A stand-in for apps/fanout speaking the contract's WebSocket side (CONTRACT.md, "WebSocket"):
// ticket check before the upgrade (401 otherwise), `welcome` first, subscribe/unsubscribe with
// symbol narrowing (batches cut to the subscribed symbols), `resume` replaying the frames after
// `since` or answering `resync_required`, ping → pong. Tests publish frames, drop connections and
// read the ops each connection sent.
import { createServer } from 'node:http';
import type { Health, ServerFrame, Session, Stream } from '@tickstock/contracts';
import { WebSocketServer, type WebSocket } from 'ws';
import { closeServer, listen } from './http-util';

type Op = { op: string; streams?: Stream[]; symbols?: string[]; since?: string };
type Want = 'all' | Set<string>;

/** A frame before the fanout gives it a seq (Omit applied to each member of the union). */
export type Unsequenced = ServerFrame extends infer F ? (F extends unknown ? Omit<F, 'seq'> : never) : never;

export type FanoutConnection = { id: number; ticket: string; ops: Op[]; sent: ServerFrame[]; open: boolean; ws: WebSocket; subscription: Map<Stream, Want> };

const STREAMS: Stream[] = ['patterns', 'indicators', 'alerts', 'session', 'health', 'events'];
const NARROWED = new Set<Stream>(['patterns', 'indicators', 'alerts']);
const STREAM_OF: Record<string, Stream> = {
  streaming_patterns_batch: 'patterns',
  streaming_pattern: 'patterns',
  streaming_indicators_batch: 'indicators',
  streaming_indicator: 'indicators',
  indicator_alert: 'alerts',
  critical_alert: 'alerts',
  streaming_session: 'session',
  streaming_health: 'health',
  pattern_alert: 'events',
};

/** The frame as a socket with `sub` receives it: null when not subscribed, batches cut to its symbols. */
function viewFor(sub: Map<Stream, Want>, frame: ServerFrame): ServerFrame | null {
  const stream = STREAM_OF[frame.event];
  if (!stream) return frame;
  const want = sub.get(stream);
  if (!want) return null;
  if (want === 'all') return frame;
  const d = (frame as { data: Record<string, unknown> }).data;
  const sym = (o: unknown, inner: string) => {
    const symbol = (o as Record<string, Record<string, unknown> | undefined>)[inner]?.['symbol'];
    return typeof symbol === 'string' ? symbol.toUpperCase() : '';
  };
  if (frame.event === 'streaming_patterns_batch' || frame.event === 'streaming_indicators_batch') {
    const [list, inner] = frame.event === 'streaming_patterns_batch' ? ['patterns', 'detection'] : ['indicators', 'calculation'];
    const items = (d[list] as unknown[]).filter((i) => want.has(sym(i, inner)));
    return items.length === 0 ? null : ({ ...frame, data: { ...d, [list]: items, count: items.length } } as ServerFrame);
  }
  const single = frame.event === 'streaming_pattern' ? sym(d, 'detection') : frame.event === 'streaming_indicator' ? sym(d, 'calculation') : frame.event === 'indicator_alert' ? sym(d, 'alert') : '';
  return single === '' || want.has(single) ? frame : null; // critical alerts have no symbol: every narrowed socket gets them
}

function applyOp(sub: Map<Stream, Want>, op: Op): void {
  const symbols = op.symbols?.map((s) => s.toUpperCase());
  for (const stream of op.streams ?? []) {
    const current = sub.get(stream);
    if (op.op === 'subscribe') {
      if (!symbols || !NARROWED.has(stream)) sub.set(stream, 'all');
      else sub.set(stream, new Set([...(current instanceof Set ? current : []), ...symbols]));
    } else if (!symbols || !NARROWED.has(stream)) sub.delete(stream);
    else if (current instanceof Set) {
      for (const s of symbols) current.delete(s);
      if (current.size === 0) sub.delete(stream);
    }
  }
}

export type FakeFanout = Awaited<ReturnType<typeof startFakeFanout>>;

export async function startFakeFanout(isTicket: (ticket: string) => boolean) {
  const log: ServerFrame[] = [];
  /** Frames at or before this seq are forgotten: a resume from before it gets resync_required. */
  let horizon: string | null = null;
  let accepting = true;
  let nextId = 1;
  let seqN = 0;
  const connections: FanoutConnection[] = [];
  const state: { session: Session | null; health: Health | null } = { session: null, health: null };
  /** Extra already-delivered frames to repeat on each resume, to prove the page deduplicates. */
  const options = { replayOverlap: 0 };

  const send = (c: FanoutConnection, frame: ServerFrame) => {
    const view = viewFor(c.subscription, frame);
    if (!view || !c.open) return;
    c.sent.push(view);
    c.ws.send(JSON.stringify(view));
  };

  const server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const ticket = url.searchParams.get('token') ?? '';
    if (url.pathname !== '/ws' || !accepting || !isTicket(ticket)) {
      socket.end(`HTTP/1.1 ${accepting ? 401 : 503} ${accepting ? 'Unauthorized' : 'Unavailable'}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const c: FanoutConnection = { id: nextId++, ticket, ops: [], sent: [], open: true, ws, subscription: new Map(STREAMS.map((s) => [s, 'all' as const])) };
      connections.push(c);
      ws.on('close', () => (c.open = false));
      ws.on('message', (raw: Buffer) => {
        const op = JSON.parse(raw.toString('utf8')) as Op;
        c.ops.push(op);
        if (op.op === 'ping') return void ws.send('{"event":"pong"}');
        if (op.op === 'subscribe' || op.op === 'unsubscribe') return applyOp(c.subscription, op);
        if (op.op === 'resume') {
          if (horizon !== null && cmp(op.since!, horizon) <= 0) return send(c, { event: 'resync_required', data: { reason: 'history no longer reaches back to since' } });
          const after = log.findIndex((f) => cmp(f.seq!, op.since!) > 0);
          const from = after === -1 ? log.length : after;
          for (const f of log.slice(Math.max(0, from - options.replayOverlap))) send(c, f);
        }
      });
      const welcome: ServerFrame = { event: 'welcome', data: { session: state.session, health: state.health, last_seq: log.at(-1)?.seq ?? null, server_time: new Date().toISOString() } };
      c.sent.push(welcome);
      ws.send(JSON.stringify(welcome));
    });
  });
  const port = await listen(server);

  return {
    url: `ws://127.0.0.1:${port}/ws`,
    connections,
    state,
    options,
    open: () => connections.filter((c) => c.open),
    /** Appends a frame with the next seq and delivers it to every open socket (per its subscription). */
    publish(frame: Unsequenced): string {
      const seq = `${Date.now()}-${seqN++}`;
      const full = { ...frame, seq } as ServerFrame;
      if (full.event === 'streaming_session' && full.data.type === 'streaming_session_started') state.session = full.data.session;
      if (full.event === 'streaming_health') state.health = full.data.health;
      log.push(full);
      for (const c of connections) send(c, full);
      return seq;
    },
    /** Like a pod restart: every socket is cut (1006 for the browser) and new ones are refused until resume(). */
    crash() {
      accepting = false;
      for (const c of connections) {
        if (!c.open) continue;
        c.open = false; // nothing more reaches it, even before the close event fires
        c.ws.terminate();
      }
    },
    recover() {
      accepting = true;
    },
    closeAll(code: number, reason = '') {
      for (const c of connections) if (c.open) c.ws.close(code, reason);
    },
    /** Forgets history up to now, so a resume from before it is answered with resync_required. */
    forgetHistory() {
      horizon = log.at(-1)?.seq ?? `${Date.now()}-0`;
    },
    async close() {
      for (const c of connections) c.ws.terminate();
      wss.close();
      await closeServer(server);
    },
  };
}

function cmp(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt) as [bigint, bigint];
  const [bm, bs] = b.split('-').map(BigInt) as [bigint, bigint];
  return am !== bm ? (am < bm ? -1 : 1) : as === bs ? 0 : as < bs ? -1 : 1;
}
