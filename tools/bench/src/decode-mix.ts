// A realistic mix of TickStockPL messages for the decode benchmark (TICKSTOCKPL-FORMATS.md):
// mostly format C indicators and patterns over a 500-symbol universe (the producer today),
// the high-confidence ones again on `:detected`, some A and B (bar_data, batches), health,
// sessions, alerts, the tickstock.events.* envelopes, and ~2% junk or invalid input.
// Deterministic (seeded), so two runs measure the same messages.
import { CHANNELS } from '@tickstock/contracts';

export type BenchMessage = { channel: string; text: string; family: string };

const PATTERNS = ['PriceChange', 'Hammer', 'Doji', 'BullishEngulfing', 'BearishEngulfing', 'Breakout', 'VolumeSpike', 'ShootingStar'];
const INDICATORS = ['SMA5', 'SMA20', 'EMA12', 'EMA26', 'RSI', 'VWAP', 'ATR14', 'OBV'];
const SESSION = '7cc68c7e-853c-4f36-acf8-289ef598f35d';

/** mulberry32: small, fast, seeded. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `t0Ms`: the producer's clock at the first message (the ingest bench gives each pool its own span). */
export function buildMix(count: number, seed = 42, t0Ms = Date.UTC(2025, 9, 16, 13, 30, 0)): BenchMessage[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const symbols = Array.from({ length: 500 }, (_, i) => `S${i.toString(36).toUpperCase().padStart(3, '0')}`);
  const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
  const out: BenchMessage[] = [];
  // Bars close every minute; the producer's clock advances about one second per 100 messages.
  const t0 = t0Ms;
  const push = (channel: string, family: string, payload: unknown) => out.push({ channel, text: JSON.stringify(payload), family });

  for (let i = 0; out.length < count; i++) {
    const now = t0 + Math.floor(i / 100) * 1000;
    const isoOffset = new Date(now).toISOString().replace('.000Z', '+00:00');
    const isoMicros = new Date(now).toISOString().replace('Z', '456').replace(/\.(\d{3})456$/, '.$1456');
    const symbol = pick(symbols);
    const x = r();
    if (x < 0.45) {
      push(CHANNELS.indicatorsStreaming, 'C indicator', {
        type: 'streaming_indicator',
        calculation: { symbol, indicator: pick(INDICATORS), value: round(100 + r() * 300, 3), timestamp: isoOffset, timeframe: '1min', ...(r() < 0.3 ? { metadata: { period: 5, bars_used: 10 } } : {}) },
      });
    } else if (x < 0.72) {
      const confidence = round(0.5 + r() * 0.5, 2);
      const payload = { type: 'streaming_pattern', detection: { pattern: pick(PATTERNS), symbol, confidence, timestamp: isoOffset, timeframe: '1min' } };
      push(CHANNELS.patternsStreaming, 'C pattern', payload);
      if (confidence >= 0.8) push(CHANNELS.patternsDetected, 'C pattern (:detected copy)', payload);
    } else if (x < 0.79) {
      push(CHANNELS.indicatorsStreaming, 'A indicator', {
        event: 'indicator_calculated',
        session_id: SESSION,
        timestamp: isoMicros,
        calculation: { indicator_type: 'MACD', symbol, timestamp: isoMicros, values: { macd: round(r(), 3), signal: round(r(), 3), histogram: round(r(), 3) }, timeframe: '1min' },
      });
    } else if (x < 0.84) {
      push(CHANNELS.patternsStreaming, 'A pattern', {
        event: 'pattern_detected',
        session_id: SESSION,
        timestamp: isoMicros,
        detection: { pattern_type: pick(PATTERNS), symbol, timestamp: isoMicros, confidence: round(r(), 3), parameters: { open: 181.2, close: 181.25, high: 182.0, low: 180.9, volume: 4200000 }, timeframe: '1min' },
      });
    } else if (x < 0.9) {
      const p = round(100 + r() * 300, 2);
      push(CHANNELS.patternsStreaming, 'B pattern', {
        type: 'streaming_pattern',
        detection: {
          pattern_type: pick(PATTERNS), symbol, confidence: round(r(), 2), timestamp: now / 1000 + 0.25, timeframe: '5min',
          bar_data: { open: p, high: p + 1.2, low: p - 0.8, close: p + 0.4, volume: 183000 },
          metadata: { session_id: SESSION, detection_method: 'streaming', pattern_id: `p-${i}` },
        },
      });
    } else if (x < 0.905) {
      push(CHANNELS.patternsDetected, 'B batch (20)', {
        type: 'streaming_patterns_batch',
        patterns: Array.from({ length: 20 }, (_, k) => {
          const d = { pattern: pick(PATTERNS), symbol: pick(symbols), confidence: round(0.8 + r() * 0.2, 2), timestamp: isoOffset, timeframe: '1min' };
          return k % 2 === 0 ? { detection: d } : d;
        }),
        count: 20,
        batch_timestamp: isoOffset,
      });
    } else if (x < 0.935) {
      push(CHANNELS.alertsIndicators, 'alert', r() < 0.5
        ? { alert_type: 'RSI_OVERBOUGHT', symbol, timestamp: isoOffset, session_id: SESSION, data: { rsi: 75.5 } }
        : { type: 'indicator_alert', alert: { symbol, alert_type: 'RSI_OVERSOLD', timestamp: isoOffset, data: { indicator: 'RSI', value: 28.3, threshold: 30, direction: 'below' }, severity: 'warning' } });
    } else if (x < 0.94) {
      push(CHANNELS.alertsCritical, 'critical', { type: 'CONNECTION_LOST', message: 'Lost connection to market data WebSocket', severity: 'critical', timestamp: isoOffset, data: { reconnect_attempts: 3 } });
    } else if (x < 0.95) {
      push(CHANNELS.health, 'health', {
        type: 'streaming_health',
        health: { session_id: SESSION, status: 'healthy', active_symbols: 500, ticks_per_second: 18.2, patterns_detected: 3, indicators_calculated: 120, timestamp: isoOffset },
        timestamp: isoOffset,
      });
    } else if (x < 0.952) {
      push(CHANNELS.sessionStarted, 'session', { type: 'streaming_session_started', session: { session_id: SESSION, universe: 'market_leaders:top_500', started_at: isoOffset, symbol_count: 500, status: 'active' }, timestamp: isoOffset });
    } else if (x < 0.97) {
      push(CHANNELS.eventsPatterns, 'envelope', {
        event_type: 'pattern_detected', source: 'TickStockPL', timestamp: now / 1000 + 0.123,
        data: { symbol, pattern: 'Volume_Spike', confidence: 0.85, flow_id: `f-${i}`, tier: 'intraday', price_change: 2.5, current_price: 185.5, volume: 1000000, timestamp: now / 1000 + 0.123, indicators: { relative_volume: 1.8 } },
      });
    } else if (x < 0.98) {
      push(CHANNELS.eventsBacktestProgress, 'backtest', { event_type: 'backtest_progress', source: 'tickstock_pl', timestamp: now / 1000, job_id: 'bt-42', progress: round(r(), 2), status: 'processing', current_symbol: symbol, processed_symbols: 35 });
    } else {
      // ~2%: what the format doc's "Bad input" lists.
      const bad = [
        [CHANNELS.patternsStreaming, '{"test": true, "timestamp": 1700000000.5}'],
        [CHANNELS.sessionStarted, '{"test": true, "timestamp": 1700000000.5}'],
        [CHANNELS.indicatorsStreaming, '42'],
        [CHANNELS.patternsStreaming, '{"type":"streaming_pattern","detection":{"pattern":"Doji","symbol":"AAPL","confidence":"high"'],
        [CHANNELS.patternsStreaming, JSON.stringify({ type: 'streaming_pattern', detection: { pattern: 'Doji', symbol: '<script>alert(1)</script>', confidence: 0.7, timestamp: isoOffset } })],
        [CHANNELS.patternsStreaming, JSON.stringify({ type: 'streaming_pattern', detection: { pattern: 'Doji', symbol, confidence: 1.7, timestamp: isoOffset } })],
      ] as const;
      const [channel, text] = pick(bad);
      out.push({ channel, text, family: 'junk/invalid' });
    }
  }
  return out.slice(0, count);
}
