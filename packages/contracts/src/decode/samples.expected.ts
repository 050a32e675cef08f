// The normalized output of every committed TickStockPL sample, written by hand from
// TICKSTOCKPL-FORMATS.md and CONTRACT.md (not captured from the code). Ids are spelled as their
// identity (eventId(kind, parts)); ids.test.ts pins the hash itself. Longer than 200 lines
// because it is data: one literal per sample, so a reviewer can check each against the doc.
import type { NormalizedEvent } from '../events';
import type { DecodeResult } from './result';
import { eventId } from './ids';

const S7 = '7cc68c7e-853c-4f36-acf8-289ef598f35d';
const S5 = '52c2d79f-bce9-403d-b2d4-f61984156adb';

const accepted = (events: NormalizedEvent[], notes: string[] = []): DecodeResult => ({ ok: true, events, notes, itemRejections: [] });

export const EXPECTED: Record<string, DecodeResult> = {
  // "Session started": C body under `session`.
  'session_started.C': accepted([
    {
      kind: 'session_started',
      data: { session_id: S7, universe: 'market_leaders:top_500', start_time: '2025-10-07T12:14:54.000Z', symbol_count: 60, status: 'active' },
    },
  ]),
  // A: body under `data`, universe as symbol_universe_key, naive microsecond time read as UTC and cut to ms.
  'session_started.A': accepted(
    [
      {
        kind: 'session_started',
        data: { session_id: S5, universe: 'test_universe:top_10', start_time: '2025-10-03T13:30:00.123Z', symbol_count: 0, status: 'active', trigger_type: 'manual_test' },
      },
    ],
    ['symbol_count: missing, defaulted to 0', 'status: missing, defaulted to "active"'],
  ),
  'session_stopped.C': accepted([
    {
      kind: 'session_stopped',
      data: { session_id: S7, stopped_at: '2025-10-07T20:00:00.000Z', duration_seconds: 27906, total_patterns: 1250, total_indicators: 45000, final_status: 'completed' },
    },
  ]),
  // A: stop_time with +00:00, a reason, no counters and no status.
  'session_stopped.A': accepted(
    [
      {
        kind: 'session_stopped',
        data: { session_id: S5, stopped_at: '2025-10-03T13:35:00.000Z', duration_seconds: null, total_patterns: null, total_indicators: null, final_status: 'stopped', reason: 'test_complete' },
      },
    ],
    ['final_status: missing, defaulted to "stopped"'],
  ),
  'health.C': accepted([
    {
      kind: 'health',
      data: {
        timestamp: '2025-10-07T19:22:02.000Z',
        session_id: S7,
        status: 'healthy',
        active_symbols: 60,
        ticks_per_second: 18.2,
        patterns_detected: 3,
        indicators_calculated: 120,
        issues: [],
        data_flow: null,
        resources: null,
        connection: null,
        extra: {},
      },
    },
  ]),
  // A: flat; ticks/s from data_flow; stale_symbols is not a named field, so it is kept in extra.
  'health.A': accepted([
    {
      kind: 'health',
      data: {
        timestamp: '2025-10-03T13:31:00.000Z',
        session_id: S5,
        status: 'degraded',
        active_symbols: 10,
        ticks_per_second: 742,
        patterns_detected: null,
        indicators_calculated: null,
        issues: ['stale symbols: 2'],
        data_flow: { ticks_per_second: 742, bars_per_minute: 10, processing_lag_ms: 37 },
        resources: { cpu_percent: 31.5, memory_mb: 1024, memory_percent: 12.5 },
        connection: { active: 1, failed: 0, reconnections: 2 },
        extra: { stale_symbols: { count: 2, symbols: ['BAC', 'WMT'] } },
      },
    },
  ]),
  'pattern.C': accepted([
    {
      kind: 'pattern',
      data: {
        id: eventId('pat', ['NVDA', 'PriceChange', '2025-10-16T02:08:03.000Z', '1min']),
        pattern_type: 'PriceChange',
        symbol: 'NVDA',
        confidence: 0.72,
        timestamp: '2025-10-16T02:08:03.000Z',
        timeframe: '1min',
        parameters: {},
        bar_data: null,
        metadata: {},
        session_id: null,
        priority: 'normal',
      },
    },
  ]),
  // The same detection on both pattern channels: one id (the ingest delivers and stores it once).
  'pattern.C.high.detected': accepted([{ kind: 'pattern', data: jpmHammer() }]),
  'pattern.C.high.streaming': accepted([{ kind: 'pattern', data: jpmHammer() }]),
  // A: pattern_type, bar values as parameters, session_id at the top.
  'pattern.A': accepted([
    {
      kind: 'pattern',
      data: {
        id: eventId('pat', ['AAPL', 'Doji', '2025-10-03T13:30:05.000Z', '1min']),
        pattern_type: 'Doji',
        symbol: 'AAPL',
        confidence: 0.654,
        timestamp: '2025-10-03T13:30:05.000Z',
        timeframe: '1min',
        parameters: { open: 181.2, close: 181.25, high: 182.0, low: 180.9, volume: 4200000 },
        bar_data: null,
        metadata: {},
        session_id: S5,
        priority: 'normal',
      },
    },
  ]),
  // B: epoch-seconds float time (1760580483.25 = 2025-10-16T02:08:03.250Z), bar_data, session in metadata.
  'pattern.B': accepted([
    {
      kind: 'pattern',
      data: {
        id: eventId('pat', ['MSFT', 'BullishEngulfing', '2025-10-16T02:08:03.250Z', '5min']),
        pattern_type: 'BullishEngulfing',
        symbol: 'MSFT',
        confidence: 0.77,
        timestamp: '2025-10-16T02:08:03.250Z',
        timeframe: '5min',
        parameters: {},
        bar_data: { open: 410.1, high: 412.4, low: 409.8, close: 412.2, volume: 183000 },
        metadata: { session_id: S7, detection_method: 'streaming', pattern_id: 'p-000123' },
        session_id: S7,
        priority: 'normal',
      },
    },
  ]),
  // B batch: one `{detection:{...}}` item without a timeframe (default, noted), one flat item.
  'pattern.B.batch': accepted(
    [
      {
        kind: 'pattern',
        data: {
          id: eventId('pat', ['TSLA', 'Doji', '2025-10-16T02:09:00.000Z', '1min']),
          pattern_type: 'Doji',
          symbol: 'TSLA',
          confidence: 0.91,
          timestamp: '2025-10-16T02:09:00.000Z',
          timeframe: '1min',
          parameters: {},
          bar_data: null,
          metadata: {},
          session_id: null,
          priority: 'high',
        },
      },
      {
        kind: 'pattern',
        data: {
          id: eventId('pat', ['AMZN', 'Hammer', '2025-10-16T02:09:00.000Z', '1min']),
          pattern_type: 'Hammer',
          symbol: 'AMZN',
          confidence: 0.88,
          timestamp: '2025-10-16T02:09:00.000Z',
          timeframe: '1min',
          parameters: {},
          bar_data: null,
          metadata: {},
          session_id: null,
          priority: 'high',
        },
      },
    ],
    ['patterns[0]: timeframe: missing, defaulted to "1min"'],
  ),
  // C: scalar value; `values` stays empty; metadata kept whole.
  'indicator.C': accepted([
    {
      kind: 'indicator',
      data: {
        id: eventId('ind', ['BRK.B', 'SMA5', '2025-10-16T02:02:00.000Z', '1min']),
        indicator_type: 'SMA5',
        symbol: 'BRK.B',
        value: 260.438,
        values: {},
        timestamp: '2025-10-16T02:02:00.000Z',
        timeframe: '1min',
        metadata: { sma: 260.438, period: 5, bars_used: 10, latest_close: 303.24, value: 260.438 },
        session_id: null,
      },
    },
  ]),
  // A RSI: only values.value, which is then also the scalar.
  'indicator.A.rsi': accepted([indicatorA('RSI', 'AAPL', '2025-10-03T13:30:06.000Z', 75.5, { value: 75.5 })]),
  // A MACD / BollingerBands: named values only, no scalar.
  'indicator.A.macd': accepted([indicatorA('MACD', 'WMT', '2025-10-03T13:30:07.000Z', null, { macd: 0.42, signal: 0.31, histogram: 0.11 })]),
  'indicator.A.bb': accepted([indicatorA('BollingerBands', 'TSLA', '2025-10-03T13:30:08.000Z', null, { upper: 262.1, middle: 255.0, lower: 247.9 })]),
  // Flat alert: no severity, so the default (what B sends for these) with a note.
  'alert.indicator.flat': accepted(
    [
      {
        kind: 'indicator_alert',
        data: {
          id: eventId('ial', ['RSI_OVERBOUGHT', 'AAPL', '2025-10-03T13:30:06.000Z']),
          alert_type: 'RSI_OVERBOUGHT',
          symbol: 'AAPL',
          severity: 'warning',
          data: { rsi: 75.5 },
          timestamp: '2025-10-03T13:30:06.000Z',
          session_id: S5,
        },
      },
    ],
    ['severity: missing, defaulted to "warning"'],
  ),
  // Wrapped (B): every field read from `alert{}`, none null.
  'alert.indicator.wrapped': accepted([
    {
      kind: 'indicator_alert',
      data: {
        id: eventId('ial', ['RSI_OVERSOLD', 'TSLA', '2025-10-16T02:10:00.000Z']),
        alert_type: 'RSI_OVERSOLD',
        symbol: 'TSLA',
        severity: 'warning',
        data: { indicator: 'RSI', value: 28.3, threshold: 30, direction: 'below' },
        timestamp: '2025-10-16T02:10:00.000Z',
        session_id: null,
      },
    },
  ]),
  'alert.critical.flat': accepted([
    {
      kind: 'critical_alert',
      data: {
        id: eventId('crit', ['CONNECTION_LOST', '2025-10-03T13:32:00.000Z', 'Lost connection to market data WebSocket']),
        type: 'CONNECTION_LOST',
        message: 'Lost connection to market data WebSocket',
        severity: 'critical',
        timestamp: '2025-10-03T13:32:00.000Z',
        data: { reconnect_attempts: 3, last_error: 'Connection timeout' },
      },
    },
  ]),
  // Wrapped: kind = component; component, action_required and recovery kept in data.
  'alert.critical.wrapped': accepted([
    {
      kind: 'critical_alert',
      data: {
        id: eventId('crit', ['bar_aggregator', '2025-10-16T02:11:00.000Z', 'Bar aggregation stalled']),
        type: 'bar_aggregator',
        message: 'Bar aggregation stalled',
        severity: 'critical',
        timestamp: '2025-10-16T02:11:00.000Z',
        data: { component: 'bar_aggregator', action_required: true, recovery: 'restarting aggregator' },
      },
    },
  ]),
  // Envelope: body under `data`; source is the envelope's, the body's own `source` stays in data.
  'envelope.pattern': accepted([
    {
      kind: 'envelope_pattern',
      data: {
        id: eventId('env', ['AAPL', 'Volume_Spike', '2025-10-16T02:00:00.123Z']),
        symbol: 'AAPL',
        pattern: 'Volume_Spike',
        confidence: 0.85,
        timestamp: '2025-10-16T02:00:00.123Z',
        source: 'TickStockPL',
        event_type: 'pattern_detected',
        data: {
          flow_id: '0d6f3a8e-5a43-4a59-9c43-2b1a4b7f0a11',
          tier: 'intraday',
          price_change: 2.5,
          current_price: 185.5,
          volume: 1000000,
          expires_at: 1760583600,
          indicators: { relative_strength: 1.2, relative_volume: 1.8 },
          source: 'daily',
        },
      },
    },
  ]),
  // data.data.data, with pattern_name.
  'envelope.pattern.nested': accepted([
    {
      kind: 'envelope_pattern',
      data: {
        id: eventId('env', ['GOOGL', 'Breakout', '2025-10-16T02:00:01.500Z']),
        symbol: 'GOOGL',
        pattern: 'Breakout',
        confidence: 0.9,
        timestamp: '2025-10-16T02:00:01.500Z',
        source: 'TickStockPL',
        event_type: 'pattern_detected',
        data: { flow_id: 'b1' },
      },
    },
  ]),
  'backtest.progress': accepted([
    {
      kind: 'backtest_progress',
      data: {
        id: eventId('btp', ['bt-42', 'processing', 0.35, '2025-10-16T02:01:40.000Z']),
        job_id: 'bt-42',
        progress: 0.35,
        status: 'processing',
        timestamp: '2025-10-16T02:01:40.000Z',
        source: 'tickstock_pl',
        data: { estimated_completion: 1760580200.0, current_symbol: 'AAPL', processed_symbols: 35 },
      },
    },
  ]),
  'backtest.result': accepted([
    {
      kind: 'backtest_result',
      data: {
        id: eventId('btr', ['bt-42', 'completed', '2025-10-16T02:05:00.000Z']),
        job_id: 'bt-42',
        status: 'completed',
        results: { win_rate: 0.65, total_trades: 150, winning_trades: 98, roi: 0.12, sharpe_ratio: 1.8, max_drawdown: 0.05, duration_days: 252 },
        timestamp: '2025-10-16T02:05:00.000Z',
        source: 'tickstock_pl',
        data: { processing_time_seconds: 45.2 },
      },
    },
  ]),
  'system.health': accepted([
    {
      kind: 'system_health',
      data: {
        id: eventId('sys', ['healthy', '2025-10-16T02:06:40.000Z']),
        status: 'healthy',
        metrics: { cpu_usage: 0.35, memory_usage: 0.62, disk_usage: 0.28, active_jobs: 3, queue_depth: 12, uptime_hours: 72.5 },
        timestamp: '2025-10-16T02:06:40.000Z',
        source: 'tickstock_pl',
        data: {},
      },
    },
  ]),
  // "Bad input the ingest must survive".
  'bad.junk': { ok: false, reason: 'junk', detail: 'no recognizable field (keys: test, timestamp)' },
  'bad.junk.pattern': { ok: false, reason: 'junk', detail: 'no recognizable field (keys: test, timestamp)' },
  'bad.not_object': { ok: false, reason: 'not_object', detail: 'payload: not an object, got 42' },
  'bad.confidence': { ok: false, reason: 'invalid_field', detail: 'confidence: must be a number in [0, 1], got "high"' },
  'bad.symbol': { ok: false, reason: 'invalid_field', detail: 'symbol: not a symbol (1-15 of A-Z 0-9 . _ -), got "<script>alert(1)</script>"' },
};

function jpmHammer() {
  return {
    id: eventId('pat', ['JPM', 'Hammer', '2025-10-16T02:08:04.000Z', '1min']),
    pattern_type: 'Hammer',
    symbol: 'JPM',
    confidence: 0.82,
    timestamp: '2025-10-16T02:08:04.000Z',
    timeframe: '1min',
    parameters: {},
    bar_data: null,
    metadata: {},
    session_id: null,
    priority: 'high' as const,
  };
}

function indicatorA(type: string, symbol: string, timestamp: string, value: number | null, values: Record<string, number>) {
  return {
    kind: 'indicator' as const,
    data: { id: eventId('ind', [symbol, type, timestamp, '1min']), indicator_type: type, symbol, value, values, timestamp, timeframe: '1min', metadata: {}, session_id: S5 },
  };
}
