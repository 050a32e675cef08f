// The ingest bench's publisher, a process of its own (ingest.bench.ts starts it and talks to it
// over IPC): it floods the 12 TickStockPL channels with the decode bench's realistic mix
// (decode-mix.ts), or sends a second mix at a paced rate with the send time stamped into every
// priority pattern's metadata, for the publish-to-frame latency.
//
// On 2 cores the publisher competes with Redis and the ingest for CPU, so it costs as little as
// it can: messages are generated, decoded (for the expected accounting) and RESP-encoded before
// the clock starts, then written to a plain socket in ~64 KiB chunks (pipelined, no round trip
// per PUBLISH) and the replies are only counted. No ioredis here: outside packages/bus only the
// bare-subscriber baseline imports it.
//
// Pub/sub has no flow control: Redis buffers what a slow subscriber has not read yet and drops
// the subscriber past `client-output-buffer-limit pubsub` (32 MB). So during a flood a second
// connection polls the subscribers' output buffers (CLIENT LIST TYPE pubsub, `omem`) and the
// publisher pauses while they hold more than OMEM_HIGH: the flood goes as fast as the slowest
// subscriber takes it, nothing is lost, and the backlog stays bounded (omem + socket buffers).
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { decode, type NormalizedEvent } from '@tickstock/contracts';
import { buildMix, type BenchMessage } from './decode-mix';
import { BENCH_STAMP_FIELD, type PoolSummary, type PublisherReply, type PublisherRequest } from './ingest-protocol';

const OMEM_HIGH = 4 * 1024 * 1024;
const OMEM_LOW = 1024 * 1024;
const PROBE_MS = 5;
const CHUNK_BYTES = 64 * 1024;
/** In a paced pool's priority patterns; replaced by the send time (epoch ms) as the message leaves. */
const PLACEHOLDER = `"${BENCH_STAMP_FIELD}":-1`;

const TABLE_OF: Record<NormalizedEvent['kind'], string> = {
  pattern: 'intraday_patterns',
  indicator: 'intraday_indicators',
  indicator_alert: 'alerts',
  critical_alert: 'alerts',
  health: 'streaming_health',
  session_started: 'streaming_sessions',
  session_stopped: 'streaming_sessions',
  envelope_pattern: 'producer_events',
  backtest_progress: 'producer_events',
  backtest_result: 'producer_events',
  system_health: 'producer_events',
};

type PacedMessage = { head: string; text: string; events: number; stamped: boolean };
type FloodPool = { chunks: Buffer[]; messages: number; summary: PoolSummary };
type PacedPool = { messages: PacedMessage[]; summary: PoolSummary; priorityIds: string[] };

const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const send = (reply: PublisherReply) => process.send?.(reply);

function respHead(channel: string): string {
  return `*3\r\n$7\r\nPUBLISH\r\n$${Buffer.byteLength(channel)}\r\n${channel}\r\n`;
}
function resp(channel: string, text: string): string {
  return `${respHead(channel)}$${Buffer.byteLength(text)}\r\n${text}\r\n`;
}

/** Decodes the pool as the ingest will, for the exact expected counts (and ids, for the rows). */
function summarize(msgs: readonly BenchMessage[]): PoolSummary {
  const s: PoolSummary = {
    messages: msgs.length,
    bytes: 0,
    families: {},
    accepted: 0,
    rejected: 0,
    acceptedByKind: {},
    rejectedByReason: {},
    batchExpansion: 0,
    distinctIdsByTable: {},
    stampedPriority: 0,
  };
  const ids = new Map<string, Set<string>>();
  for (const m of msgs) {
    s.bytes += Buffer.byteLength(m.text);
    s.families[m.family] = (s.families[m.family] ?? 0) + 1;
    const r = decode(m.channel, m.text);
    if (!r.ok) {
      s.rejected++;
      s.rejectedByReason[r.reason] = (s.rejectedByReason[r.reason] ?? 0) + 1;
      continue;
    }
    // A batch message becomes several events (and item rejections): received counts it once.
    s.batchExpansion += r.events.length + r.itemRejections.length - 1;
    for (const x of r.itemRejections) {
      s.rejected++;
      s.rejectedByReason[x.reason] = (s.rejectedByReason[x.reason] ?? 0) + 1;
    }
    for (const e of r.events) {
      s.accepted++;
      s.acceptedByKind[e.kind] = (s.acceptedByKind[e.kind] ?? 0) + 1;
      const id = 'id' in e.data && typeof e.data.id === 'string' ? e.data.id : null;
      if (id === null) continue;
      const table = TABLE_OF[e.kind];
      let set = ids.get(table);
      if (!set) ids.set(table, (set = new Set()));
      set.add(id);
    }
  }
  for (const [table, set] of ids) s.distinctIdsByTable[table] = set.size;
  return s;
}

function buildFloodPool(count: number, seed: number, t0Ms: number): FloodPool {
  const msgs = buildMix(count, seed, t0Ms);
  const summary = summarize(msgs);
  const chunks: Buffer[] = [];
  let parts: string[] = [];
  let size = 0;
  for (const m of msgs) {
    const cmd = resp(m.channel, m.text);
    parts.push(cmd);
    size += cmd.length;
    if (size >= CHUNK_BYTES) {
      chunks.push(Buffer.from(parts.join('')));
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) chunks.push(Buffer.from(parts.join('')));
  return { chunks, messages: msgs.length, summary };
}

/** Adds the send-time placeholder to every priority pattern (C, A, B; not the batches). */
function withStamp(m: BenchMessage): { text: string; stamped: boolean } {
  if (!m.channel.startsWith('tickstock:patterns:')) return { text: m.text, stamped: false };
  let payload: unknown;
  try {
    payload = JSON.parse(m.text);
  } catch {
    return { text: m.text, stamped: false };
  }
  const detection = (payload as { detection?: Record<string, unknown> } | null)?.detection;
  if (!detection || typeof detection.confidence !== 'number' || detection.confidence < 0.8 || detection.confidence > 1) return { text: m.text, stamped: false };
  const metadata = typeof detection.metadata === 'object' && detection.metadata !== null ? detection.metadata : {};
  detection.metadata = { ...metadata, [BENCH_STAMP_FIELD]: -1 };
  const text = JSON.stringify(payload);
  return text.includes(PLACEHOLDER) ? { text, stamped: true } : { text: m.text, stamped: false };
}

/**
 * The pool, and the ids of the stamped priority patterns that must come out as their own frame:
 * those whose id the pool has not used before. (The mix can repeat an id in another format with a
 * lower confidence, e.g. an A and a C detection of one symbol, pattern and second: the ingest
 * rightly treats the later copy as the same detection, which may already have left in a batch.)
 */
function buildPacedPool(count: number, seed: number, t0Ms: number, stamp: boolean): PacedPool {
  const seen = new Set<string>();
  const priorityIds = new Set<string>();
  const stamped = buildMix(count, seed, t0Ms).map((m) => ({ ...m, ...(stamp ? withStamp(m) : { stamped: false }) }));
  const summary = summarize(stamped);
  const messages = stamped.map((m): PacedMessage => {
    const r = decode(m.channel, m.text);
    const events = r.ok ? r.events.length : 0;
    if (r.ok) {
      for (const e of r.events) {
        if (e.kind !== 'pattern') continue;
        if (m.stamped && !seen.has(e.data.id)) priorityIds.add(e.data.id);
        seen.add(e.data.id);
      }
    }
    return { head: respHead(m.channel), text: m.text, events, stamped: m.stamped };
  });
  summary.stampedPriority = priorityIds.size;
  return { messages, summary, priorityIds: [...priorityIds] };
}

/** Counts PUBLISH replies (`:<receivers>\r\n`, or `-ERR ...\r\n`) without building strings. */
function createReplyCounter() {
  const counts = { replies: 0, unheard: 0, errors: 0 };
  let kind = 0; // 0: at the start of a reply, 1: in an integer, 2: in an error or another line
  let num = 0;
  let waiter: { target: number; resolve: () => void } | undefined;
  return {
    counts,
    feed(buf: Buffer) {
      for (let i = 0; i < buf.length; i++) {
        const c = buf[i] as number;
        if (kind === 0) {
          kind = c === 0x3a ? 1 : 2;
          num = 0;
        } else if (c === 0x0a) {
          counts.replies++;
          if (kind === 1 && num === 0) counts.unheard++;
          if (kind === 2) counts.errors++;
          kind = 0;
        } else if (kind === 1 && c >= 0x30 && c <= 0x39) {
          num = num * 10 + c - 0x30;
        }
      }
      if (waiter && counts.replies >= waiter.target) {
        waiter.resolve();
        waiter = undefined;
      }
    },
    until(target: number): Promise<void> {
      if (counts.replies >= target) return Promise.resolve();
      return new Promise((resolve) => (waiter = { target, resolve }));
    },
  };
}

async function open(): Promise<Socket> {
  const socket = connect({ host: url.hostname, port: Number(url.port || 6379) });
  socket.setNoDelay(true);
  await once(socket, 'connect');
  return socket;
}

/** Sum of `omem` over the pub/sub clients, on a connection of its own. */
function createOmemProbe(socket: Socket) {
  let buffered = Buffer.alloc(0);
  let pending: ((omem: number) => void) | undefined;
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    const eol = buffered.indexOf('\r\n');
    if (eol < 0 || buffered[0] !== 0x24) return; // `$<len>\r\n<text>\r\n`
    const len = Number(buffered.subarray(1, eol).toString());
    if (buffered.length < eol + 2 + len + 2) return;
    const text = buffered.subarray(eol + 2, eol + 2 + len).toString();
    buffered = buffered.subarray(eol + 2 + len + 2);
    let omem = 0;
    for (const m of text.matchAll(/ omem=(\d+)/g)) omem += Number(m[1]);
    pending?.(omem);
    pending = undefined;
  });
  return () =>
    new Promise<number>((resolve) => {
      pending = resolve;
      socket.write('CLIENT LIST TYPE pubsub\r\n');
    });
}

async function flood(socket: Socket, probeSocket: Socket, counter: ReturnType<typeof createReplyCounter>, pool: FloodPool): Promise<PublisherReply> {
  const probe = createOmemProbe(probeSocket);
  let omem = 0;
  let maxOmem = 0;
  let pausedMs = 0;
  let probing = true;
  let resume: (() => void) | undefined;
  const probeLoop = (async () => {
    while (probing) {
      omem = await probe();
      maxOmem = Math.max(maxOmem, omem);
      if (resume && omem < OMEM_LOW) {
        resume();
        resume = undefined;
      }
      await new Promise((r) => setTimeout(r, PROBE_MS));
    }
  })();

  const before = counter.counts.replies;
  const start = performance.now();
  for (const chunk of pool.chunks) {
    if (omem > OMEM_HIGH) {
      const pauseStart = performance.now();
      await new Promise<void>((r) => (resume = r));
      pausedMs += performance.now() - pauseStart;
    }
    if (!socket.write(chunk)) await once(socket, 'drain');
  }
  await counter.until(before + pool.messages);
  const elapsedMs = performance.now() - start;
  probing = false;
  await probeLoop;
  return { type: 'flooded', published: pool.messages, elapsedMs, pausedMs, maxOmem, ...counter.counts };
}

async function paced(socket: Socket, counter: ReturnType<typeof createReplyCounter>, pool: PacedPool, eventsPerSec: number): Promise<PublisherReply> {
  const msgs = pool.messages;
  const before = counter.counts.replies;
  const start = performance.now();
  let i = 0;
  let events = 0;
  let maxBehindMs = 0;
  while (i < msgs.length) {
    const due = ((performance.now() - start) / 1000) * eventsPerSec;
    let out = '';
    const behind = ((due - events) / eventsPerSec) * 1000;
    maxBehindMs = Math.max(maxBehindMs, behind);
    while (i < msgs.length && events <= due) {
      const m = msgs[i++] as PacedMessage;
      const text = m.stamped ? m.text.replace(PLACEHOLDER, `"${BENCH_STAMP_FIELD}":${(performance.timeOrigin + performance.now()).toFixed(3)}`) : m.text;
      out += `${m.head}$${Buffer.byteLength(text)}\r\n${text}\r\n`;
      events += m.events;
    }
    if (out) socket.write(out);
    await new Promise((r) => setTimeout(r, 1));
  }
  await counter.until(before + msgs.length);
  const elapsedMs = performance.now() - start;
  return { type: 'paced', published: msgs.length, events, elapsedMs, maxBehindMs, ...counter.counts };
}

async function main(): Promise<void> {
  const socket = await open();
  const probeSocket = await open();
  const counter = createReplyCounter();
  socket.on('data', (chunk: Buffer) => counter.feed(chunk));
  const floodPools = new Map<string, FloodPool>();
  const pacedPools = new Map<string, PacedPool>();
  let busy: Promise<unknown> = Promise.resolve();

  process.on('message', (raw) => {
    const req = raw as PublisherRequest;
    busy = busy.then(async () => {
      try {
        switch (req.cmd) {
          case 'prepare': {
            const start = performance.now();
            const pools: Record<string, PoolSummary> = {};
            const priorityIds: Record<string, string[]> = {};
            for (const spec of req.pools) {
              if (spec.mode === 'flood') {
                const pool = buildFloodPool(spec.count, spec.seed, spec.t0Ms);
                floodPools.set(spec.name, pool);
                pools[spec.name] = pool.summary;
              } else {
                const pool = buildPacedPool(spec.count, spec.seed, spec.t0Ms, spec.stamp ?? false);
                pacedPools.set(spec.name, pool);
                pools[spec.name] = pool.summary;
                priorityIds[spec.name] = pool.priorityIds;
              }
            }
            send({ type: 'prepared', pools, priorityIds, ms: performance.now() - start });
            return;
          }
          case 'flood': {
            const pool = floodPools.get(req.pool);
            if (!pool) throw new Error(`no flood pool ${req.pool}`);
            send(await flood(socket, probeSocket, counter, pool));
            return;
          }
          case 'paced': {
            const pool = pacedPools.get(req.pool);
            if (!pool) throw new Error(`no paced pool ${req.pool}`);
            send(await paced(socket, counter, pool, req.eventsPerSec));
            return;
          }
          case 'exit':
            socket.end();
            probeSocket.end();
            process.disconnect?.();
            return;
        }
      } catch (err) {
        send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      }
    });
  });
  send({ type: 'ready' });
}

main().catch((err: unknown) => {
  process.stderr.write(`publisher failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
