// Publishes a schedule on time. One timer per tick, never one per message: it wakes, sends every
// message due by then as one batch (published back to back, so a Redis client pipelines them),
// waits for the batch, and sleeps until the next due message — but at least `tickMs` after the
// last wake, so 10,000 messages/s cost 100 wake-ups a second, not 10,000 timers. Times are
// measured from the start on a monotonic clock, so a slow batch never shifts the ones after it:
// the next wake simply finds more due (the run catches up instead of drifting).
import type { Outgoing } from '../payloads/types';
import type { Clock } from './clock';
import type { Schedule, Scheduled, Speed } from './schedule';

export type PaceOptions = {
  clock: Clock;
  /** Default 1 (the schedule's own pace). */
  speed?: Speed;
  /** Minimum time between wake-ups (default 10 ms): the batching window at high rates. */
  tickMs?: number;
  /** At most this many messages per batch (default 1000): bounds memory when far behind or at `max`. */
  maxBatch?: number;
  /** Aborting ends the run after the batch in flight. */
  signal?: AbortSignal;
  /** Publishes one batch, in order; its promise paces the next (back-pressure). */
  send: (batch: readonly Outgoing[]) => Promise<void>;
};

export type PaceResult = {
  /** True when the whole schedule was sent, false when stopped early. */
  completed: boolean;
  elapsedMs: number;
  batches: number;
  /** The latest any batch left after its first message was due (0 at speed `max`). */
  maxLagMs: number;
};

export async function pace(schedule: Schedule, opts: PaceOptions): Promise<PaceResult> {
  const { clock, signal, send } = opts;
  const speed = opts.speed ?? 1;
  const tickMs = opts.tickMs ?? 10;
  const maxBatch = opts.maxBatch ?? 1000;
  if (speed !== 'max' && !(speed > 0 && Number.isFinite(speed))) throw new RangeError(`speed must be a positive number or "max", got ${speed}`);
  const dueAt = (s: Scheduled) => (speed === 'max' ? 0 : s.atMs / speed);

  const next = iterate(schedule);
  const start = clock.now();
  const elapsed = () => clock.now() - start;
  let item = await next();
  let lastWake = -Infinity;
  let batches = 0;
  let maxLagMs = 0;

  while (item !== undefined && !signal?.aborted) {
    const due = dueAt(item);
    const wait = Math.max(due, lastWake + tickMs) - elapsed();
    if (due > elapsed() && wait > 0) {
      await clock.sleep(wait, signal);
      if (signal?.aborted) break;
    } else if (speed === 'max' && batches > 0) {
      // Let timers (the heartbeat) and stop() run between full-speed batches.
      await clock.sleep(0, signal);
      if (signal?.aborted) break;
    }
    const wake = elapsed();
    lastWake = wake;
    // At `max` nothing is late: everything is due at once.
    if (speed !== 'max') maxLagMs = Math.max(maxLagMs, wake - due);
    const now = clock.wall();
    const batch: Outgoing[] = [];
    while (item !== undefined && dueAt(item) <= wake && batch.length < maxBatch) {
      batch.push(...item.make(now));
      item = await next();
    }
    if (batch.length > 0) {
      await send(batch);
      batches++;
    }
  }
  return { completed: item === undefined, elapsedMs: elapsed(), batches, maxLagMs };
}

/** One `next()` for sync and async schedules; a sync one costs no extra promise per item. */
function iterate(schedule: Schedule): () => Scheduled | undefined | Promise<Scheduled | undefined> {
  if (Symbol.asyncIterator in schedule) {
    const it = schedule[Symbol.asyncIterator]();
    return async () => {
      const r = await it.next();
      return r.done ? undefined : r.value;
    };
  }
  const it = schedule[Symbol.iterator]();
  return () => {
    const r = it.next();
    return r.done ? undefined : r.value;
  };
}
