// What the tables show: one row shape per kind, built from a live frame item or a REST record,
// so seeding from REST and live updates go through the same dedupe by id.
import type { AlertRecord, CriticalAlert, EnvelopePattern, Indicator, IndicatorAlert, IndicatorRecord, Pattern, PatternRecord } from '@tickstock/contracts';

export type PatternRow = {
  id: string;
  symbol: string;
  pattern: string;
  confidence: number;
  timestamp: string;
  timeframe: string;
  priority: 'high' | 'normal';
};

export type IndicatorRow = {
  id: string;
  /** `SYMBOL:TYPE`: the table keeps the latest row per key. */
  key: string;
  symbol: string;
  indicator: string;
  value: number | null;
  values: Record<string, unknown>;
  timestamp: string;
  timeframe: string;
};

export type AlertKind = 'indicator' | 'critical' | 'pattern';

export type AlertRow = {
  id: string;
  kind: AlertKind;
  /** RSI_OVERBOUGHT, CONNECTION_LOST, a pattern name, ... */
  type: string;
  symbol: string | null;
  severity: string;
  message: string | null;
  data: Record<string, unknown>;
  timestamp: string;
};

/**
 * REST records carry no `priority`; the fanout marks a pattern high at or above
 * STREAMING_PRIORITY_CONFIDENCE, whose default (CONTRACT.md) is 0.8.
 */
export const PRIORITY_CONFIDENCE = 0.8;

export function patternRow(p: Pattern): PatternRow {
  return { id: p.id, symbol: p.symbol, pattern: p.pattern_type, confidence: p.confidence, timestamp: p.timestamp, timeframe: p.timeframe, priority: p.priority };
}

export function patternRowFromRecord(p: PatternRecord): PatternRow {
  const priority = p.confidence >= PRIORITY_CONFIDENCE ? 'high' : 'normal';
  return { id: p.id, symbol: p.symbol, pattern: p.pattern_type, confidence: p.confidence, timestamp: p.timestamp, timeframe: p.timeframe, priority };
}

export function indicatorRow(i: Indicator | IndicatorRecord): IndicatorRow {
  return {
    id: i.id,
    key: `${i.symbol}:${i.indicator_type}`,
    symbol: i.symbol,
    indicator: i.indicator_type,
    value: i.value,
    values: i.values ?? {},
    timestamp: i.timestamp,
    timeframe: i.timeframe,
  };
}

export function indicatorAlertRow(a: IndicatorAlert): AlertRow {
  const message = typeof a.data['message'] === 'string' ? a.data['message'] : null;
  return { id: a.id, kind: 'indicator', type: a.alert_type, symbol: a.symbol, severity: a.severity, message, data: a.data, timestamp: a.timestamp };
}

export function criticalAlertRow(a: CriticalAlert): AlertRow {
  return { id: a.id, kind: 'critical', type: a.type, symbol: null, severity: a.severity, message: a.message, data: a.data, timestamp: a.timestamp };
}

export function patternAlertRow(p: EnvelopePattern): AlertRow {
  const severity = p.confidence !== null && p.confidence >= PRIORITY_CONFIDENCE ? 'high' : 'info';
  return { id: p.id, kind: 'pattern', type: p.pattern, symbol: p.symbol, severity, message: p.event_type, data: p.data, timestamp: p.timestamp };
}

/** The alerts endpoint mixes indicator and critical alerts; a critical one has no symbol. */
export function alertRowFromRecord(a: AlertRecord): AlertRow {
  const kind: AlertKind = a.symbol === null ? 'critical' : 'indicator';
  return { id: a.id, kind, type: a.alert_type, symbol: a.symbol, severity: a.severity, message: a.message, data: a.alert_data, timestamp: a.timestamp };
}
