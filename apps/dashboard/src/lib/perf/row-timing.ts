// Producer publish → the row on screen, as User Timing entries that the dashboard benchmark
// (tools/bench/src/dashboard.bench.ts, issue 6 "Measured") or DevTools' Performance panel reads.
// Off unless localStorage['tickstock:perf'] is '1'; off, the page pays one boolean test per frame
// and per table row, and records nothing.
//
// On: the live store notes each live pattern or indicator row as it arrives (its producer
// timestamp, the arrival time, the frame that carried it); a table reports the rows it lists once
// the DOM shows them; a task queued then runs after the browser has painted the animation frame
// the store renders in, and each such row becomes one measure:
//   performance.measure('tickstock:row', { start: published, end: painted, detail: RowTimingDetail })
// `detail` holds epoch milliseconds (the producer's clock; this page's timeOrigin + now()): on one
// machine that is one clock. Entries stay in the performance timeline until the reader clears them.
//
// "Shown" is the paint of the frame that put the row in its table. The tables render only the rows
// in the scroller's view (lib/virtual/row-window.ts); a row listed further down is then a spacer's
// height until scrolled to, as it was a DOM row below the fold when every row was rendered: either
// way it counts when its table listed it, not later when it happens to scroll or shift into view.
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
  /** The rows a table lists, after the DOM update that listed them (rows already measured, or not live, are skipped). */
  listed(rows: readonly { id: string }[]): void;
};

type Arrival = Omit<RowTimingDetail, 'shown' | 'id'>;

export type RowTimingOptions = {
  /** performance.now()-like, relative to `origin`. */
  now?: () => number;
  origin?: number;
  /** Runs `flush` after the browser has painted. */
  afterPaint?: (flush: () => void) => void;
  measure?: (name: string, options: PerformanceMeasureOptions) => void;
  /** Rows that arrived but never reached a table (cut by the row limit or a filter, an older indicator) are forgotten past this many. */
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
    listed(rows) {
      if (pending.size === 0) return;
      for (const r of rows) seen(r.id);
    },
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

const OFF: RowTiming = { on: false, arrived: () => undefined, listed: () => undefined };
let instance: RowTiming | undefined;

/** The page's row timing, on when the flag is set (read once, on first use). */
export function rowTiming(): RowTiming {
  return (instance ??= flagSet() ? createRowTiming() : OFF);
}

