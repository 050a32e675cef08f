// GET /streaming/api/summary aggregates every event of the window: over 24 h of a busy day
// (~1.7 M rows) that takes PostgreSQL several hundred ms, far past the 100 ms p99 budget (issue 4,
// see tools/bench/src/query.bench.ts). The answer changes slowly and is the same for every
// caller, so each window (1..24 h) is computed at most once per `maxAgeMs` and shared:
// - fresh (younger than maxAgeMs): served as is;
// - stale but younger than maxStaleMs: served at once while one refresh runs in the background;
// - older, or never computed: the caller waits for a computation (one per window at a time).
// Database work is then bounded by windows × 1/maxAgeMs, however many requests come.
// maxAgeMs 0 turns caching off (every request computes).
import type { SummaryResponse } from '@tickstock/contracts';

export type SummaryCacheOptions = {
  maxAgeMs: number;
  /** How old a summary may be served while a refresh runs; default 6 × maxAgeMs. */
  maxStaleMs?: number;
  now?: () => number;
  /** A background refresh failed (the stale value stays in use until maxStaleMs). */
  onRefreshError?: (err: unknown, hours: number) => void;
};

export type SummaryCache = { get(hours: number): Promise<SummaryResponse> };

type Entry = { value: SummaryResponse; at: number };

export function createSummaryCache(compute: (hours: number) => Promise<SummaryResponse>, opts: SummaryCacheOptions): SummaryCache {
  const now = opts.now ?? Date.now;
  const maxStaleMs = opts.maxStaleMs ?? opts.maxAgeMs * 6;
  const entries = new Map<number, Entry>();
  const inFlight = new Map<number, Promise<SummaryResponse>>();

  const refresh = (hours: number): Promise<SummaryResponse> => {
    let running = inFlight.get(hours);
    if (!running) {
      const started = now();
      running = compute(hours)
        .then((value) => {
          // Stamped with the start: the data is as old as the moment the queries began.
          entries.set(hours, { value, at: started });
          return value;
        })
        .finally(() => inFlight.delete(hours));
      inFlight.set(hours, running);
    }
    return running;
  };

  return {
    get(hours) {
      if (opts.maxAgeMs <= 0) return compute(hours);
      const entry = entries.get(hours);
      const age = entry ? now() - entry.at : Number.POSITIVE_INFINITY;
      if (entry && age < opts.maxAgeMs) return Promise.resolve(entry.value);
      if (entry && age < maxStaleMs) {
        refresh(hours).catch((err: unknown) => opts.onRefreshError?.(err, hours));
        return Promise.resolve(entry.value);
      }
      return refresh(hours);
    },
  };
}
