// Normalized events for tests, with sensible defaults and the id (or session id) each test names:
// the shapes the ingest stores and the query reads, shared by both sides' integration tests.
import type { CriticalAlert, Health, Indicator, IndicatorAlert, Pattern, Session } from '@tickstock/contracts';

/** `minutes` before `now`, as the ISO string the normalized events carry. */
export function ago(minutes: number, now: Date | number = Date.now()): string {
  return new Date(new Date(now).getTime() - minutes * 60_000).toISOString();
}

export function pattern(p: Partial<Pattern> & Pick<Pattern, 'id'>): Pattern {
  return {
    pattern_type: 'Doji',
    symbol: 'AAPL',
    confidence: 0.75,
    timestamp: new Date().toISOString(),
    timeframe: '1min',
    parameters: { period: 14 },
    bar_data: { open: 1, high: 2, low: 0.5, close: 1.5, volume: 1000 },
    metadata: { source: 'test' },
    session_id: 'sess-1',
    priority: 'normal',
    ...p,
  };
}

export function indicator(i: Partial<Indicator> & Pick<Indicator, 'id'>): Indicator {
  return {
    indicator_type: 'SMA5',
    symbol: 'AAPL',
    value: 101.25,
    values: { sma_5: 101.25 },
    timestamp: new Date().toISOString(),
    timeframe: '1min',
    metadata: {},
    session_id: 'sess-1',
    ...i,
  };
}

export function indicatorAlert(a: Partial<IndicatorAlert> & Pick<IndicatorAlert, 'id'>) {
  const data: IndicatorAlert = {
    alert_type: 'RSI_OVERBOUGHT',
    symbol: 'AAPL',
    severity: 'warning',
    data: { rsi: 78.5 },
    timestamp: new Date().toISOString(),
    session_id: 'sess-1',
    ...a,
  };
  return { kind: 'indicator_alert' as const, data };
}

export function criticalAlert(a: Partial<CriticalAlert> & Pick<CriticalAlert, 'id'>) {
  const data: CriticalAlert = {
    type: 'CONNECTION_LOST',
    message: 'feed disconnected',
    severity: 'critical',
    timestamp: new Date().toISOString(),
    data: {},
    ...a,
  };
  return { kind: 'critical_alert' as const, data };
}

export function session(s: Partial<Session> & Pick<Session, 'session_id'>): Session {
  return { universe: 'SP500', start_time: new Date().toISOString(), symbol_count: 500, status: 'active', ...s };
}

export function health(h: Partial<Health> = {}): Health {
  return {
    timestamp: new Date().toISOString(),
    session_id: 'sess-1',
    status: 'healthy',
    active_symbols: 500,
    ticks_per_second: 1234.5,
    patterns_detected: 10,
    indicators_calculated: 200,
    issues: [],
    data_flow: { ticks: 5 },
    resources: null,
    connection: { redis: 'ok' },
    extra: { uptime_seconds: 60 },
    ...h,
  };
}
