// One server frame → what it changes (a Delta). Pure and stateless: the live model applies deltas
// with dedupe and bounds, and tests can name every frame of CONTRACT.md's table here. Frames come
// from our own fanout but are still read defensively: a malformed item is skipped, not thrown on.
import type { Health, ServerFrame, Session, SessionData } from '@tickstock/contracts';
import { criticalAlertRow, indicatorAlertRow, indicatorRow, patternAlertRow, patternRow, type AlertRow, type IndicatorRow, type PatternRow } from './rows';

type SessionStoppedData = Extract<SessionData, { type: 'streaming_session_stopped' }>;

export type Delta = {
  patterns: PatternRow[];
  indicators: IndicatorRow[];
  alerts: AlertRow[];
  /** undefined: unchanged; null: none (a welcome without a session). */
  session?: Session | null;
  stopped?: SessionStoppedData;
  health?: Health | null;
  /** Events the frame carried (items of a batch count one each), for the events/s meter. */
  events: number;
  /** Items the fanout's buffer dropped before this batch (CONTRACT.md: never silently). */
  dropped: number;
  welcome?: { lastSeq: string | null; serverTime: string };
  resync?: string;
  error?: { code: string; message: string };
};

const empty = (): Delta => ({ patterns: [], indicators: [], alerts: [], events: 0, dropped: 0 });

function collect<T, R>(items: unknown, read: (item: T) => R): R[] {
  if (!Array.isArray(items)) return [];
  const out: R[] = [];
  for (const item of items as T[]) {
    try {
      out.push(read(item));
    } catch {
      // A malformed item must not cost the rest of the batch; it is simply not shown.
      continue;
    }
  }
  return out;
}

export function reduceFrame(frame: ServerFrame): Delta {
  const d = empty();
  switch (frame.event) {
    case 'welcome':
      // A pod that has not read the live state yet says null: "unknown", not "no session", so a
      // reconnect must not blank what the page already shows.
      if (frame.data.session !== null) d.session = frame.data.session;
      if (frame.data.health !== null) d.health = frame.data.health;
      d.welcome = { lastSeq: frame.data.last_seq, serverTime: frame.data.server_time };
      return d;
    case 'streaming_patterns_batch':
      d.patterns = collect(frame.data.patterns, (i: (typeof frame.data.patterns)[number]) => patternRow(i.detection));
      d.events = d.patterns.length;
      d.dropped = frame.data.dropped ?? 0;
      return d;
    case 'streaming_indicators_batch':
      d.indicators = collect(frame.data.indicators, (i: (typeof frame.data.indicators)[number]) => indicatorRow(i.calculation));
      d.events = d.indicators.length;
      d.dropped = frame.data.dropped ?? 0;
      return d;
    case 'streaming_pattern':
      d.patterns = collect([frame.data], (i: typeof frame.data) => patternRow(i.detection));
      d.events = 1;
      return d;
    case 'streaming_indicator':
      d.indicators = collect([frame.data], (i: typeof frame.data) => indicatorRow(i.calculation));
      d.events = 1;
      return d;
    case 'streaming_session':
      if (frame.data.type === 'streaming_session_started') d.session = frame.data.session;
      else d.stopped = frame.data;
      d.events = 1;
      return d;
    case 'streaming_health':
      d.health = frame.data.health;
      d.events = 1;
      return d;
    case 'indicator_alert':
      d.alerts = collect([frame.data], (i: typeof frame.data) => indicatorAlertRow(i.alert));
      d.events = 1;
      return d;
    case 'critical_alert':
      d.alerts = collect([frame.data], (i: typeof frame.data) => criticalAlertRow(i.alert));
      d.events = 1;
      return d;
    case 'pattern_alert':
      d.alerts = collect([frame.data], patternAlertRow);
      d.events = 1;
      return d;
    case 'backtest_progress':
    case 'backtest_result':
    case 'system_health':
      // Counted as received events; the streaming page has no panel for them yet.
      d.events = 1;
      return d;
    case 'resync_required':
      d.resync = frame.data.reason;
      return d;
    case 'error':
      d.error = { code: frame.data.code, message: frame.data.message };
      return d;
    case 'pong':
      return d;
  }
  // An event newer than this page (the contract only adds): nothing to show, nothing to break.
  return d;
}
