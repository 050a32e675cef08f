// A realistic few minutes of a trading session, for the screenshots: a running session, health
// with data flow and resources, patterns across symbols, the indicator shapes the producer sends
// (scalar RSI, SMA pairs, MACD triples, bands), indicator and critical alerts, and a REST summary.
import type { Stack } from './stack';
import { frame, make } from './events';

const SYMBOLS = ['NVDA', 'AAPL', 'MSFT', 'AMZN', 'TSLA', 'META', 'GOOGL', 'AMD', 'NFLX', 'AVGO'];
const PATTERNS = ['BullishEngulfing', 'Doji', 'Hammer', 'MorningStar', 'PriceChange', 'VolumeSpike', 'BreakoutUp'];

function pick<T>(list: readonly T[], i: number): T {
  return list[i % list.length]!;
}

export function seedSummary(stack: Stack): void {
  if (!stack.fakes) return;
  const d = stack.fakes.query.data;
  d.summary = {
    window_hours: 1,
    pattern_distribution: { PriceChange: 412, Doji: 236, VolumeSpike: 181, Hammer: 97, BullishEngulfing: 64, MorningStar: 22, BreakoutUp: 18 },
    top_symbols: SYMBOLS.slice(0, 6).map((symbol, i) => ({ symbol, events: 2400 - i * 310 })),
    total_patterns: 1030,
    total_indicators: 8240,
    total_alerts: 37,
  };
  const t = (s: number) => new Date(Date.now() - s * 1000).toISOString();
  d.indicators.set(
    'NVDA',
    Array.from({ length: 60 }, (_, i) => {
      const x = i / 6;
      const macd = Math.sin(x) * 1.8 + 0.2;
      const signal = Math.sin(x - 0.6) * 1.5;
      return { id: `h-macd-${i}`, indicator_type: 'MACD', symbol: 'NVDA', timestamp: t((60 - i) * 50), value: null, values: { macd, signal, histogram: macd - signal }, timeframe: '1min', metadata: {}, session_id: 'sess-e2e' };
    }),
  );
  d.patterns.set(
    'NVDA',
    [2600, 1900, 1200, 700, 300].map((s, i) => ({
      id: `h-pat-${i}`,
      pattern_type: pick(PATTERNS, i),
      symbol: 'NVDA',
      timestamp: t(s),
      confidence: [0.92, 0.64, 0.81, 0.55, 0.88][i]!,
      parameters: {},
      timeframe: '1min',
      bar_data: null,
      metadata: {},
      session_id: 'sess-e2e',
    })),
  );
}

/** Publishes the session's state and a burst of events (what a page that just opened would see). */
export function publishSession(stack: Stack): void {
  stack.control.publish(frame.started(make.session({ session_id: 'sess-2026-01-05-0930', universe: 'sp500-tech', symbol_count: 503 })));
  stack.control.publish(
    frame.health(
      make.health({
        status: 'healthy',
        active_symbols: 487,
        ticks_per_second: 1843.6,
        patterns_detected: 1030,
        issues: [],
        data_flow: { ticks_received: 1_284_533, events_published: 9_310, redis_latency_ms: 1.8 },
        resources: { cpu_percent: 37.5, memory_mb: 812, threads: 24 },
      }),
    ),
  );
  const patterns = Array.from({ length: 36 }, (_, i) =>
    make.pattern({ symbol: pick(SYMBOLS, i * 7), pattern_type: pick(PATTERNS, i * 3), confidence: 0.45 + ((i * 37) % 55) / 100, priority: (i * 37) % 55 >= 35 ? 'high' : 'normal', timeframe: i % 4 === 0 ? '5min' : '1min' }),
  );
  for (let i = 0; i < patterns.length; i += 6) stack.control.publish(frame.patterns(patterns.slice(i, i + 6)));
  stack.control.publish(
    frame.indicators([
      make.indicator({ symbol: 'NVDA', indicator_type: 'RSI', value: 71.42 }),
      make.indicator({ symbol: 'NVDA', indicator_type: 'MACD', value: null, values: { macd: 1.842, signal: 1.337, histogram: 0.505 } }),
      make.indicator({ symbol: 'AAPL', indicator_type: 'SMA', value: null, values: { sma_20: 227.41, sma_50: 221.9 } }),
      make.indicator({ symbol: 'AAPL', indicator_type: 'RSI', value: 48.03 }),
      make.indicator({ symbol: 'MSFT', indicator_type: 'BB', value: null, values: { bands: { upper: 431.2, middle: 424.75, lower: 418.3 } } }),
      make.indicator({ symbol: 'TSLA', indicator_type: 'RSI', value: 82.6 }),
      make.indicator({ symbol: 'AMD', indicator_type: 'EMA', value: 163.27, values: { value: 163.27 } }),
    ]),
  );
  stack.control.publish(frame.indicatorAlert(make.indicatorAlert({ alert_type: 'RSI_OVERBOUGHT', symbol: 'TSLA', severity: 'warning', data: { rsi: 82.6, threshold: 80, message: 'RSI crossed above 80' } })));
  stack.control.publish(frame.indicatorAlert(make.indicatorAlert({ alert_type: 'MACD_CROSS', symbol: 'NVDA', severity: 'info', data: { direction: 'bullish', histogram: 0.505 } })));
  stack.control.publish(frame.criticalAlert(make.criticalAlert({ type: 'DATA_DELAY', message: 'Polygon feed delayed by 4.2 s', severity: 'critical' })));
}

/** A few seconds of traffic at a varying rate, so the events/s line has a shape. */
export async function publishTraffic(stack: Stack, seconds: number): Promise<void> {
  const end = Date.now() + seconds * 1000;
  let i = 0;
  while (Date.now() < end) {
    const n = 3 + Math.round(4 * (1 + Math.sin(i / 3)));
    stack.control.publish(frame.indicators(Array.from({ length: n }, (_, k) => make.indicator({ symbol: pick(SYMBOLS, i + k), indicator_type: 'RSI', value: 40 + ((i * 7 + k * 13) % 45) }))));
    i++;
    await new Promise((r) => setTimeout(r, 100)); // pacing the traffic generator, not waiting for a condition
  }
}
