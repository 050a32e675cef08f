// Frame builders for unit tests: the contract's shapes with defaults, so a test states only
// what it is about.
import type { CriticalAlert, Health, Indicator, IndicatorAlert, Pattern, ServerFrame, Session } from '@tickstock/contracts';

const T0 = Date.parse('2026-01-05T14:30:00.000Z');
export const at = (second: number) => new Date(T0 + second * 1000).toISOString();

export function pattern(over: Partial<Pattern> = {}): Pattern {
  return {
    id: 'p1',
    pattern_type: 'Doji',
    symbol: 'NVDA',
    confidence: 0.7,
    timestamp: at(0),
    timeframe: '1min',
    parameters: {},
    bar_data: null,
    metadata: {},
    session_id: 's1',
    priority: 'normal',
    ...over,
  };
}

export function indicator(over: Partial<Indicator> = {}): Indicator {
  return { id: 'i1', indicator_type: 'RSI', symbol: 'NVDA', value: 55, values: {}, timestamp: at(0), timeframe: '1min', metadata: {}, session_id: 's1', ...over };
}

export function session(over: Partial<Session> = {}): Session {
  return { session_id: 's1', universe: 'sp500', start_time: at(-60), symbol_count: 500, status: 'running', ...over };
}

export function health(over: Partial<Health> = {}): Health {
  return {
    timestamp: at(0),
    session_id: 's1',
    status: 'healthy',
    active_symbols: 480,
    ticks_per_second: 1200,
    patterns_detected: 10,
    indicators_calculated: 40,
    issues: [],
    data_flow: null,
    resources: null,
    connection: null,
    extra: {},
    ...over,
  };
}

export function indicatorAlert(over: Partial<IndicatorAlert> = {}): IndicatorAlert {
  return { id: 'a1', alert_type: 'RSI_OVERBOUGHT', symbol: 'NVDA', severity: 'warning', data: { rsi: 78.5 }, timestamp: at(0), session_id: 's1', ...over };
}

export function criticalAlert(over: Partial<CriticalAlert> = {}): CriticalAlert {
  return { id: 'c1', type: 'CONNECTION_LOST', message: 'Market data feed lost', severity: 'critical', timestamp: at(0), data: {}, ...over };
}

export const frames = {
  welcome: (lastSeq: string | null = null, s: Session | null = null, h: Health | null = null): ServerFrame => ({
    event: 'welcome',
    data: { session: s, health: h, last_seq: lastSeq, server_time: at(0) },
  }),
  patterns: (seq: string | undefined, ps: Pattern[], dropped?: number): ServerFrame => ({
    event: 'streaming_patterns_batch',
    ...(seq ? { seq } : {}),
    data: {
      patterns: ps.map((p) => ({ type: 'streaming_pattern' as const, key: `${p.symbol}:${p.pattern_type}`, detection: p })),
      count: ps.length,
      timestamp: at(0),
      ...(dropped ? { dropped } : {}),
    },
  }),
  pattern: (seq: string | undefined, p: Pattern): ServerFrame => ({
    event: 'streaming_pattern',
    ...(seq ? { seq } : {}),
    data: { type: 'streaming_pattern', key: `${p.symbol}:${p.pattern_type}`, detection: p },
  }),
  indicators: (seq: string | undefined, is: Indicator[]): ServerFrame => ({
    event: 'streaming_indicators_batch',
    ...(seq ? { seq } : {}),
    data: { indicators: is.map((i) => ({ type: 'streaming_indicator' as const, key: `${i.symbol}:${i.indicator_type}`, calculation: i })), count: is.length, timestamp: at(0) },
  }),
  indicatorAlert: (seq: string, a: IndicatorAlert): ServerFrame => ({ event: 'indicator_alert', seq, data: { type: 'indicator_alert', alert: a } }),
  criticalAlert: (seq: string, a: CriticalAlert): ServerFrame => ({ event: 'critical_alert', seq, data: { type: 'critical_alert', alert: a } }),
  health: (seq: string, h: Health): ServerFrame => ({ event: 'streaming_health', seq, data: { type: 'streaming_health', health: h } }),
  started: (seq: string, s: Session): ServerFrame => ({ event: 'streaming_session', seq, data: { type: 'streaming_session_started', session: s } }),
  stopped: (seq: string, sessionId: string): ServerFrame => ({
    event: 'streaming_session',
    seq,
    data: { type: 'streaming_session_stopped', session_id: sessionId, stopped_at: at(600), duration_seconds: 660, total_patterns: 12, total_indicators: 40, final_status: 'completed' },
  }),
  resync: (reason = 'history no longer reaches back to since'): ServerFrame => ({ event: 'resync_required', data: { reason } }),
};
