// Indicator and critical alerts (TICKSTOCKPL-FORMATS.md, "Indicator alert", "Critical alert"):
// flat in A and C, wrapped in `alert{}` in B — the shape the old consumer read as flat and lost.
import { CHANNELS } from '@tickstock/contracts';
import { round, type Rng } from './rng';
import { isoZ, pythonNaive } from './time-formats';
import { out, type Generation, type Outgoing } from './types';

export const INDICATOR_ALERT_TYPES = ['RSI_OVERBOUGHT', 'RSI_OVERSOLD', 'MACD_BULLISH_CROSS', 'MACD_BEARISH_CROSS', 'BB_UPPER_BREAK', 'BB_LOWER_BREAK'] as const;
export type IndicatorAlertType = (typeof INDICATOR_ALERT_TYPES)[number];

export type IndicatorAlert = { type: IndicatorAlertType; symbol: string; time: Date; sessionId: string; value: number };

/** The indicator, threshold and direction behind each alert type (B's `data`). */
const ALERT_RULES: Record<IndicatorAlertType, { indicator: string; threshold: number; direction: 'above' | 'below' }> = {
  RSI_OVERBOUGHT: { indicator: 'RSI', threshold: 70, direction: 'above' },
  RSI_OVERSOLD: { indicator: 'RSI', threshold: 30, direction: 'below' },
  MACD_BULLISH_CROSS: { indicator: 'MACD', threshold: 0, direction: 'above' },
  MACD_BEARISH_CROSS: { indicator: 'MACD', threshold: 0, direction: 'below' },
  BB_UPPER_BREAK: { indicator: 'BollingerBands', threshold: 0, direction: 'above' },
  BB_LOWER_BREAK: { indicator: 'BollingerBands', threshold: 0, direction: 'below' },
};

/** A value that makes the alert true: RSI beyond its threshold, a MACD histogram of the right sign. */
export function alertValue(type: IndicatorAlertType, rng: Rng): number {
  switch (type) {
    case 'RSI_OVERBOUGHT':
      return round(rng.between(70.5, 88), 2);
    case 'RSI_OVERSOLD':
      return round(rng.between(12, 29.5), 2);
    case 'MACD_BULLISH_CROSS':
      return round(rng.between(0.01, 0.4), 4);
    case 'MACD_BEARISH_CROSS':
      return round(-rng.between(0.01, 0.4), 4);
    case 'BB_UPPER_BREAK':
    case 'BB_LOWER_BREAK':
      return round(rng.between(20, 600), 2);
  }
}

export function indicatorAlertMessage(a: IndicatorAlert, generation: Generation): Outgoing {
  const rule = ALERT_RULES[a.type];
  if (generation === 'B') {
    return out(CHANNELS.alertsIndicators, 'alert.indicator.wrapped', {
      type: 'indicator_alert',
      alert: {
        symbol: a.symbol,
        alert_type: a.type,
        timestamp: isoZ(a.time),
        data: { indicator: rule.indicator, value: a.value, threshold: rule.threshold, direction: rule.direction },
        severity: 'warning',
      },
    });
  }
  // Flat: the value under the indicator's own name, as in samples.jsonl (`data: {rsi: 75.5}`).
  return out(CHANNELS.alertsIndicators, `alert.indicator.flat.${generation}`, {
    alert_type: a.type,
    symbol: a.symbol,
    timestamp: generation === 'A' ? pythonNaive(a.time) : isoZ(a.time),
    session_id: a.sessionId,
    data: { [rule.indicator.toLowerCase()]: a.value, threshold: rule.threshold },
  });
}

/** What goes wrong in a producer, and how it says so. */
const CRITICAL_KINDS = [
  { type: 'CONNECTION_LOST', component: 'websocket_client', message: 'Lost connection to market data WebSocket', recovery: 'reconnecting with backoff' },
  { type: 'DATA_FEED_STALE', component: 'bar_aggregator', message: 'No ticks received for 30 seconds', recovery: 'restarting aggregator' },
  { type: 'HIGH_PROCESSING_LAG', component: 'pattern_engine', message: 'Processing lag above 5 seconds', recovery: 'shedding low-priority indicators' },
] as const;

export function criticalAlertMessage(rng: Rng, time: Date, generation: Generation): Outgoing {
  const kind = rng.pick(CRITICAL_KINDS);
  if (generation === 'B') {
    return out(CHANNELS.alertsCritical, 'alert.critical.wrapped', {
      type: 'critical_alert',
      alert: { severity: 'critical', message: kind.message, timestamp: isoZ(time), component: kind.component, action_required: true, recovery: kind.recovery },
    });
  }
  return out(CHANNELS.alertsCritical, `alert.critical.flat.${generation}`, {
    type: kind.type,
    message: kind.message,
    severity: 'critical',
    timestamp: generation === 'A' ? pythonNaive(time) : isoZ(time),
    data: { component: kind.component, reconnect_attempts: rng.int(1, 5), last_error: 'Connection timeout' },
  });
}
