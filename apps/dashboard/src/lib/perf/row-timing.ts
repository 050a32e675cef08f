// Producer publish → the row on screen, as User Timing entries that the dashboard benchmark
// (tools/bench/src/dashboard.bench.ts, issue 6 "Measured") or DevTools' Performance panel reads.
// Off unless localStorage['tickstock:perf'] is '1'; off, the page pays one boolean test per frame
// and per table row, and records nothing.
//
// On: the live store notes each live pattern or indicator row as it arrives (its producer
// timestamp, the arrival time, the frame that carried it); a table row reports itself when it is
// inserted or updated in the DOM; a task queued then runs after the browser has painted the
// animation frame the store renders in, and each such row becomes one measure:
//   performance.measure('tickstock:row', { start: published, end: painted, detail: RowTimingDetail })
// `detail` holds epoch milliseconds (the producer's clock; this page's timeOrigin + now()): on one
// machine that is one clock. Entries stay in the performance timeline until the reader clears them.
import type { Delta } from '../stream/frame-reducer';

export const ROW_MEASURE = 'tickstock:row';
export const ROW_TIMING_FLAG = 'tickstock:perf';

export type RowTimingDetail = {
  id: string;
  table: 'patterns' | 'indicators';
  /** The frame's event: `streaming_pattern` is a priority pattern, `*_batch` a buffered item. */
  via: string;
  /** Epoch ms: the event's producer timestamp. */
  published: number;
  /** Epoch ms: when its frame reached the page. */
  received: number;
  /** Epoch ms: the task after the paint that showed the row. */
  shown: number;
};

export type RowTiming = {
  readonly on: boolean;
  /** The live rows a frame added (after dedupe), noted until a table shows them. */
  arrived(event: string, delta: Pick<Delta, 'patterns' | 'indicators'>): void;
  /** A Svelte attachment for a table row showing `id`; undefined (no attachment) when off. */
  shown(id: string): (() => void) | undefined;
};

type Arrival = Omit<RowTimingDetail, 'shown' | 'id'>;

export type RowTimingOptions = {
  /** performance.now()-like, relative to `origin`. */
  now?: () => number;
  origin?: number;
  /** Runs `flush` after the browser has painted. */
  afterPaint?: (flush: () => void) => void;
  measure?: (name: string, options: PerformanceMeasureOptions) => void;
  /** Rows that arrived but never reached a table (cut by the row limit, an older indicator) are forgotten past this many. */
  maxPending?: number;
};

/** Row timing that records (the page uses rowTiming(), which is this only when the flag is set). */
export function createRowTiming({
  now = () => performance.now(),
  origin = performance.timeOrigin,
  afterPaint = (flush) => setTimeout(flush, 0),
  measure = (name, options) => void performance.measure(name, options),
  maxPending = 5000,
}: RowTimingOptions = {}): RowTiming {
  const pending = new Map<string, Arrival>();
  let painted: [string, Arrival][] = [];

  const note = (id: string, arrival: Arrival) => {
    pending.delete(id); // re-insert: Map order is arrival order, the oldest evicted first
    pending.set(id, arrival);
    if (pending.size > maxPending) pending.delete(pending.keys().next().value as string);
  };

  const flush = () => {
    const t = now();
    for (const [id, a] of painted) {
      // A measure cannot start before the page's time origin; the exact times are in detail.
      const detail: RowTimingDetail = { id, ...a, shown: origin + t };
      measure(ROW_MEASURE, { start: Math.max(0, a.published - origin), end: t, detail });
    }
    painted = [];
  };

  const seen = (id: string) => {
    const a = pending.get(id);
    if (a === undefined) return; // a REST seed, or already measured
    pending.delete(id);
    if (painted.push([id, a]) === 1) afterPaint(flush);
  };

  return {
    on: true,
    arrived(event, delta) {
      const received = origin + now();
      for (const r of delta.patterns) note(r.id, { table: 'patterns', via: event, published: Date.parse(r.timestamp), received });
      for (const r of delta.indicators) note(r.id, { table: 'indicators', via: event, published: Date.parse(r.timestamp), received });
    },
    shown: (id) => () => seen(id),
  };
}

function flagSet(): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(ROW_TIMING_FLAG) === '1';
  } catch (err) {
    void err; // storage blocked (privacy settings): timing stays off
    return false;
  }
}

const OFF: RowTiming = { on: false, arrived: () => undefined, shown: () => undefined };
let instance: RowTiming | undefined;

/** The page's row timing, on when the flag is set (read once, on first use). */
export function rowTiming(): RowTiming {
  return (instance ??= flagSet() ? createRowTiming() : OFF);
}

