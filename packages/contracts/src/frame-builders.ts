// Pure builders from normalized events to the frames CONTRACT.md shows, and the stream each
// frame belongs to. The fan-out serializes a built frame once per topic, never per socket.
import type { CriticalAlert, Health, Indicator, IndicatorAlert, NormalizedEvent, Pattern, Session, SessionStopped } from './events';
import type {
  CriticalAlertData,
  FrameOf,
  HealthData,
  IndicatorAlertData,
  IndicatorItem,
  IndicatorsBatch,
  PatternItem,
  PatternsBatch,
  ServerEvent,
  ServerFrame,
  SessionData,
  Stream,
  WelcomeData,
} from './frames';

/** `NVDA:PriceChange`: what the dashboard keys its pattern table on. */
export function patternKey(p: Pattern): string {
  return `${p.symbol}:${p.pattern_type}`;
}

export function indicatorKey(i: Indicator): string {
  return `${i.symbol}:${i.indicator_type}`;
}

export function patternItem(p: Pattern): PatternItem {
  return { type: 'streaming_pattern', key: patternKey(p), detection: p };
}

export function indicatorItem(i: Indicator): IndicatorItem {
  return { type: 'streaming_indicator', key: indicatorKey(i), calculation: i };
}

/** `dropped` appears only when something was dropped (CONTRACT.md: "the next batch carries `dropped`"). */
export function patternsBatch(patterns: readonly Pattern[], timestamp: string, dropped = 0): PatternsBatch {
  const batch: PatternsBatch = { patterns: patterns.map(patternItem), count: patterns.length, timestamp };
  if (dropped > 0) batch.dropped = dropped;
  return batch;
}

export function indicatorsBatch(indicators: readonly Indicator[], timestamp: string, dropped = 0): IndicatorsBatch {
  const batch: IndicatorsBatch = { indicators: indicators.map(indicatorItem), count: indicators.length, timestamp };
  if (dropped > 0) batch.dropped = dropped;
  return batch;
}

export function sessionStartedData(session: Session): SessionData {
  return { type: 'streaming_session_started', session };
}

export function sessionStoppedData(s: SessionStopped): SessionData {
  const data: SessionData = {
    type: 'streaming_session_stopped',
    session_id: s.session_id,
    stopped_at: s.stopped_at,
    duration_seconds: s.duration_seconds,
    total_patterns: s.total_patterns,
    total_indicators: s.total_indicators,
    final_status: s.final_status,
  };
  if (s.reason !== undefined) data.reason = s.reason;
  return data;
}

export function healthData(health: Health): HealthData {
  return { type: 'streaming_health', health };
}

/** `alert:{id, alert_type, symbol, severity, data, timestamp, session_id}` in the contract's order. */
export function indicatorAlertData(a: IndicatorAlert): IndicatorAlertData {
  const alert = { id: a.id, alert_type: a.alert_type, symbol: a.symbol, severity: a.severity, data: a.data, timestamp: a.timestamp, session_id: a.session_id };
  return { type: 'indicator_alert', alert };
}

/** `alert:{id, type, message, severity, timestamp, data}` in the contract's order. */
export function criticalAlertData(a: CriticalAlert): CriticalAlertData {
  const alert = { id: a.id, type: a.type, message: a.message, severity: a.severity, timestamp: a.timestamp, data: a.data };
  return { type: 'critical_alert', alert };
}

export function welcomeData(session: Session | null, health: Health | null, lastSeq: string | null, serverTime: string): WelcomeData {
  return { session, health, last_seq: lastSeq, server_time: serverTime };
}

/** The frame one normalized event travels in when it is sent on its own (not in a batch). */
export function frameOf(e: NormalizedEvent): ServerFrame {
  switch (e.kind) {
    case 'pattern':
      return { event: 'streaming_pattern', data: patternItem(e.data) };
    case 'indicator':
      return { event: 'streaming_indicator', data: indicatorItem(e.data) };
    case 'indicator_alert':
      return { event: 'indicator_alert', data: indicatorAlertData(e.data) };
    case 'critical_alert':
      return { event: 'critical_alert', data: criticalAlertData(e.data) };
    case 'session_started':
      return { event: 'streaming_session', data: sessionStartedData(e.data) };
    case 'session_stopped':
      return { event: 'streaming_session', data: sessionStoppedData(e.data) };
    case 'health':
      return { event: 'streaming_health', data: healthData(e.data) };
    case 'envelope_pattern':
      return { event: 'pattern_alert', data: e.data };
    case 'backtest_progress':
      return { event: 'backtest_progress', data: e.data };
    case 'backtest_result':
      return { event: 'backtest_result', data: e.data };
    case 'system_health':
      return { event: 'system_health', data: e.data };
  }
}

export function resyncRequiredFrame(reason: string): FrameOf<'resync_required'> {
  return { event: 'resync_required', data: { reason } };
}

export function errorFrame(code: string, message: string): FrameOf<'error'> {
  return { event: 'error', data: { code, message } };
}

export const PONG_FRAME: FrameOf<'pong'> = Object.freeze({ event: 'pong' });

const STREAM_OF: Readonly<Record<ServerEvent, Stream | null>> = {
  streaming_patterns_batch: 'patterns',
  streaming_pattern: 'patterns',
  streaming_indicators_batch: 'indicators',
  streaming_indicator: 'indicators',
  indicator_alert: 'alerts',
  critical_alert: 'alerts',
  streaming_session: 'session',
  streaming_health: 'health',
  pattern_alert: 'events',
  backtest_progress: 'events',
  backtest_result: 'events',
  system_health: 'events',
  // Control frames: every connection gets them, whatever it subscribed to.
  welcome: null,
  resync_required: null,
  error: null,
  pong: null,
};

/** The subscription stream a frame belongs to, or null for the control frames every client receives. */
export function streamOf(event: ServerEvent): Stream | null {
  return STREAM_OF[event];
}

/** The symbol a frame concerns, for `symbols` narrowing (patterns, indicators, alerts); null when none. */
export function symbolOf(frame: ServerFrame): string | null {
  if (frame.event === 'streaming_pattern') return frame.data.detection.symbol;
  if (frame.event === 'streaming_indicator') return frame.data.calculation.symbol;
  if (frame.event === 'indicator_alert') return frame.data.alert.symbol;
  if (frame.event === 'pattern_alert') return frame.data.symbol;
  return null;
}
