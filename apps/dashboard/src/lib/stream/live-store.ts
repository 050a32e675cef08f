// The live model behind a Svelte store. Frames are applied as they arrive, but subscribers are
// told at most once per animation frame and RENDER_INTERVAL_MS apart: at 1,000 events/s the page
// renders ~30 times a second, not 1,000 (and not at all in a background tab, where the model
// still keeps up).
import type { Health, ServerFrame, Session } from '@tickstock/contracts';
import { writable, type Readable } from 'svelte/store';
import { rowTiming, type RowTiming } from '../perf/row-timing';
import type { ConnectionState } from './connection-state';
import { createLiveModel, type ApplyOutcome, type LiveModelOptions, type LiveSnapshot } from './live-model';
import { createRateMeter } from './rate-meter';
import type { AlertRow, IndicatorRow, PatternRow } from './rows';

export type LiveView = LiveSnapshot & {
  connection: ConnectionState;
  /** Events received in the last complete second. */
  eventsPerSecond: number;
  /** Events per second since the page opened (1 to 5 minutes), oldest first. */
  rateSeries: number[];
  now: number;
};

export type LiveStore = Readable<LiveView> & {
  push(frame: ServerFrame): ApplyOutcome;
  setConnection(state: ConnectionState): void;
  seed(rows: { patterns?: readonly PatternRow[]; indicators?: readonly IndicatorRow[]; alerts?: readonly AlertRow[] }): void;
  seedStatus(status: { session: Session | null; health: Health | null }): void;
  dismissCritical(id: string): void;
  lastSeq(): string | null;
  /** Re-render without a frame: countdowns, "updated N s ago" and the sparkline move on. */
  tick(): void;
};

export type LiveStoreOptions = LiveModelOptions & {
  rateWindowSeconds?: number;
  schedule?: (flush: () => void) => void;
  now?: () => number;
  /** Publish → screen timing of live rows (off unless the page's flag is set). */
  timing?: RowTiming;
  /**
   * Renders at least this many ms apart (on the first animation frame after), however often rows
   * arrive; 0: every animation frame. See RENDER_INTERVAL_MS.
   */
  minIntervalMs?: number;
  /** A monotonic clock in ms for the render interval (performance.now). */
  clock?: () => number;
  /** Runs `fn` after `ms` (setTimeout): the wait before asking for the next animation frame. */
  delay?: (fn: () => void, ms: number) => void;
};

/**
 * At 1,000 events/s a priority pattern arrives every ~10 ms, so every animation frame had something
 * to show and the page rendered 60 times a second; each render costs the browser a style, layout,
 * paint and composite pass (~5 ms of main thread on this page) whatever changed. Every other frame
 * at 60 Hz (~30 a second) halves that and still puts a priority row on screen well within its
 * 100 ms (the bench, issue 6: page to paint p99 ~45 ms, main thread ~24-25% busy on a quiet
 * machine). Every third frame (an interval of 50) measured ~19.5% busy but page to paint p99
 * ~70-80 ms, too little of the 100 ms left for the pipeline before the page once the machine is
 * shared. The wait is a timer, not animation frames skipped: an animation frame requested and not
 * used still costs the browser a frame (a commit to the compositor). A frame a little early (vsync
 * jitter) still counts: the slack keeps the cadence at every other frame instead of every third.
 */
export const RENDER_INTERVAL_MS = 33;
const INTERVAL_SLACK_MS = 4;

const nextFrame = (flush: () => void) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(flush);
  else setTimeout(flush, 16);
};

const monotonic = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

export function createLiveStore({
  rateWindowSeconds = 300,
  schedule = nextFrame,
  now = Date.now,
  timing = rowTiming(),
  minIntervalMs = RENDER_INTERVAL_MS,
  clock = monotonic,
  delay = (fn, ms) => void setTimeout(fn, ms),
  ...modelOptions
}: LiveStoreOptions = {}): LiveStore {
  const model = createLiveModel(modelOptions);
  const meter = createRateMeter(rateWindowSeconds);
  const openedAt = now();
  /** The sparkline covers the time this page has been open (at least a minute, at most the window). */
  const shown = (t: number) => Math.min(rateWindowSeconds, Math.max(60, Math.floor((t - openedAt) / 1000)));
  let connection: ConnectionState = { phase: 'connecting', attempt: 0 };

  // The rate card and the sparkline change once a second, not with every render: their numbers
  // (and the series array, so the chart's props stay the same object) are rebuilt only when the
  // second turns. The meter counts the second in progress, which neither of them shows.
  let rateSecond = Number.NaN;
  let rate = { eventsPerSecond: 0, rateSeries: [] as number[] };
  const rates = (t: number) => {
    const second = Math.floor(t / 1000);
    if (second !== rateSecond) {
      rateSecond = second;
      rate = { eventsPerSecond: meter.perSecond(t), rateSeries: meter.series(t).slice(-shown(t)) };
    }
    return rate;
  };

  const view = (): LiveView => {
    const t = now();
    return { ...model.snapshot(), connection, ...rates(t), now: t };
  };
  const store = writable<LiveView>(view());
  let pending = false;
  let renderedAt = Number.NEGATIVE_INFINITY;
  const flush = () => {
    pending = false;
    renderedAt = clock();
    store.set(view());
  };
  const invalidate = () => {
    if (pending) return;
    pending = true;
    const wait = renderedAt + minIntervalMs - INTERVAL_SLACK_MS - clock();
    if (wait > 0) delay(() => schedule(flush), wait);
    else schedule(flush);
  };

  return {
    subscribe: store.subscribe,
    push(frame) {
      const t = now();
      const outcome = model.apply(frame, t);
      if (outcome.applied) {
        if (timing.on) timing.arrived(frame.event, outcome.delta);
        meter.add(outcome.delta.events, t);
        invalidate();
      }
      return outcome;
    },
    setConnection(state) {
      connection = state;
      invalidate();
    },
    seed(rows) {
      model.seed(rows);
      invalidate();
    },
    seedStatus(status) {
      model.seedStatus(status);
      invalidate();
    },
    dismissCritical(id) {
      model.dismissCritical(id);
      invalidate();
    },
    lastSeq: () => model.lastSeq(),
    tick: invalidate,
  };
}
