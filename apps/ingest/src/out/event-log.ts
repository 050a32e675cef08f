// Accepted events on their way to PostgreSQL, through a capped Redis stream the store writer
// drains with a consumer group (at-least-once). Events are grouped into one entry per
// ~50 ms (or 100 events): one XADD per group instead of one per event keeps Redis and the
// event loop free at tens of thousands of events per second.
//
// Each entry carries the leader's fencing token and a running count of events in this term
// (`c`, after this entry; `n` in it), so the writer can tell exactly how many events the
// stream's cap trimmed away before they were stored: a gap in `c` within one term.
import type { Bus } from '@tickstock/bus';
import { SERVICE_KEYS, type NormalizedEvent } from '@tickstock/contracts';
import type { EventLog } from '../pipeline/ports';

export type StoredEventEntry = { event: NormalizedEvent; at: number };

export const EVENT_FIELDS = { batch: 'b', count: 'n', cumulative: 'c', fence: 'fence' } as const;

export type BatchingEventLog = EventLog & {
  /** A new leader term: counts restart from 0 under the new fencing token. */
  setTerm(fence: number | null): void;
  /** Appends what is waiting now; resolves when Redis has it. */
  flush(): Promise<void>;
  start(): void;
  /** Stops the timer and sends what waits; `shutdown`: also waits for failed appends (bounded, then counted lost). */
  stop(opts?: { shutdown?: boolean }): Promise<void>;
};

export type EventLogOptions = {
  maxLen: number;
  maxEvents?: number;
  intervalMs?: number;
  /** Entries waiting to be appended again after a failure (a Redis outage) before the oldest are given up. */
  maxRetryEntries?: number;
  /** Events given up on (never appended): counted as lost for storage. */
  onLost: (err: unknown, events: number) => void;
  /** An append failed and will be tried again (called at most once per ten attempts). */
  onRetrying?: (err: unknown, waitingEntries: number) => void;
  /** On stop(), how long appends still failing are tried before they are given up (3 s). */
  stopRetryMs?: number;
};

type Entry = { fence: number; cumulative: number; events: number; fields: Record<string, string> };

const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 2_000;
const STOP_RETRY_MS = 3_000;

export function createEventLog(bus: Bus, opts: EventLogOptions): BatchingEventLog {
  // 100 events (~50 KB) per entry keeps each entry's text under V8's large-object size (~128 KB):
  // larger ones are allocated straight into the old generation, garbage only a full GC reclaims.
  const maxEvents = opts.maxEvents ?? 100;
  const maxRetryEntries = opts.maxRetryEntries ?? 10_000;
  // Each entry serialized when recorded: a batch waits up to intervalMs, long enough for its
  // events to be promoted to the old generation, and flat strings there cost the GC nothing to
  // trace where object graphs did (the ingest bench's flood spent a fifth of its CPU in GC).
  let waiting: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let fence: number | null = null;
  let cumulative = 0;
  // Entries whose append failed, in (fence, cumulative) order: they are appended again, in that
  // order and before anything newer, so the store writer's running count sees no false gap.
  const retryQueue: Entry[] = [];
  let retrying: Promise<void> | null = null;
  let giveUpAt = Infinity;
  const inFlight = new Set<Promise<void>>();

  const append = (entry: Entry) => bus.append(SERVICE_KEYS.eventsStream, entry.fields, { maxLen: opts.maxLen });

  function queueRetry(entry: Entry, err: unknown): void {
    const at = retryQueue.findIndex((e) => e.fence > entry.fence || (e.fence === entry.fence && e.cumulative > entry.cumulative));
    retryQueue.splice(at < 0 ? retryQueue.length : at, 0, entry);
    while (retryQueue.length > maxRetryEntries) opts.onLost(err, retryQueue.shift()!.events);
    retrying ??= retryAll(err).finally(() => (retrying = null));
  }

  async function retryAll(firstErr: unknown): Promise<void> {
    let lastErr = firstErr;
    for (let attempt = 0; retryQueue.length > 0; ) {
      if (Date.now() >= giveUpAt) {
        for (const e of retryQueue.splice(0)) opts.onLost(lastErr, e.events);
        return;
      }
      try {
        await append(retryQueue[0]!);
        retryQueue.shift();
        attempt = 0;
      } catch (err) {
        lastErr = err;
        if (attempt % 10 === 0) opts.onRetrying?.(err, retryQueue.length);
        attempt++;
        await new Promise((r) => setTimeout(r, Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.min(attempt, 5))));
      }
    }
  }

  function send(entry: Entry): Promise<void> {
    if (retryQueue.length > 0) {
      queueRetry(entry, undefined);
      return Promise.resolve();
    }
    const p = append(entry).then(
      () => undefined,
      (err: unknown) => queueRetry(entry, err),
    );
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    return p;
  }

  function flush(): Promise<void> {
    if (waiting.length === 0 || fence === null) return Promise.resolve();
    const batch = waiting;
    waiting = [];
    cumulative += batch.length;
    return send({
      fence,
      cumulative,
      events: batch.length,
      fields: {
        [EVENT_FIELDS.batch]: `[${batch.join(',')}]`,
        [EVENT_FIELDS.count]: String(batch.length),
        [EVENT_FIELDS.cumulative]: String(cumulative),
        [EVENT_FIELDS.fence]: String(fence),
      },
    });
  }

  return {
    setTerm(next) {
      // What waits was accepted under the old term: it goes out under that term's fence.
      void flush();
      fence = next;
      cumulative = 0;
    },
    record(event, at) {
      if (fence === null) return;
      const entry: StoredEventEntry = { event, at };
      waiting.push(JSON.stringify(entry));
      if (waiting.length >= maxEvents) void flush();
    },
    flush,
    start() {
      giveUpAt = Infinity;
      timer ??= setInterval(() => void flush(), opts.intervalMs ?? 50);
    },
    async stop(o = {}) {
      if (timer) clearInterval(timer);
      timer = undefined;
      await flush();
      await Promise.all([...inFlight]);
      // A leadership change keeps retrying in the background (Redis may be away for a while);
      // on shutdown, appends still failing get a few seconds more, then are given up and counted.
      if (!o.shutdown) return;
      giveUpAt = Date.now() + (opts.stopRetryMs ?? STOP_RETRY_MS);
      await retrying;
    },
  };
}
