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
  stop(): Promise<void>;
};

export function createEventLog(
  bus: Bus,
  opts: { maxLen: number; maxEvents?: number; intervalMs?: number; onError: (err: unknown, lost: number) => void },
): BatchingEventLog {
  // 100 events (~50 KB) per entry keeps each entry's text under V8's large-object size (~128 KB):
  // larger ones are allocated straight into the old generation, garbage only a full GC reclaims.
  const maxEvents = opts.maxEvents ?? 100;
  // Each entry serialized when recorded: a batch waits up to intervalMs, long enough for its
  // events to be promoted to the old generation, and flat strings there cost the GC nothing to
  // trace where object graphs did (the ingest bench's flood spent a fifth of its CPU in GC).
  let waiting: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let fence: number | null = null;
  let cumulative = 0;

  function flush(): Promise<void> {
    if (waiting.length === 0 || fence === null) return Promise.resolve();
    const batch = waiting;
    waiting = [];
    cumulative += batch.length;
    const fields = {
      [EVENT_FIELDS.batch]: `[${batch.join(',')}]`,
      [EVENT_FIELDS.count]: String(batch.length),
      [EVENT_FIELDS.cumulative]: String(cumulative),
      [EVENT_FIELDS.fence]: String(fence),
    };
    return bus.append(SERVICE_KEYS.eventsStream, fields, { maxLen: opts.maxLen }).then(
      () => undefined,
      (err: unknown) => opts.onError(err, batch.length),
    );
  }

  return {
    setTerm(next) {
      fence = next;
      cumulative = 0;
      waiting = [];
    },
    record(event, at) {
      if (fence === null) return;
      const entry: StoredEventEntry = { event, at };
      waiting.push(JSON.stringify(entry));
      if (waiting.length >= maxEvents) void flush();
    },
    flush,
    start() {
      timer ??= setInterval(() => void flush(), opts.intervalMs ?? 50);
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await flush();
    },
  };
}
