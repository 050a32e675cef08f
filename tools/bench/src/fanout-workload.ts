// The fanout benchmark's workload, as the ingest would append it to the frames stream (issue 5):
// patterns and indicators batches 4 times a second each, plus 10 priority patterns a second.
import type { Bus } from '@tickstock/bus';
import { FENCE_FIELD, FRAME_FIELD, SERVICE_KEYS, indicatorsBatch, patternItem, patternsBatch, type Indicator, type Pattern, type ServerFrame } from '@tickstock/contracts';

const SYMBOLS = ['AAPL', 'MSFT', 'NVDA', 'TSLA', 'AMZN', 'GOOGL', 'META', 'AMD', 'INTC', 'NFLX', 'ORCL', 'CRM', 'ADBE', 'QCOM', 'AVGO', 'TXN'];

export type Workload = { batchesPerSecond: number; priorityPerSecond: number; itemsPerBatch: number };

export const DEFAULT_WORKLOAD: Workload = { batchesPerSecond: 4, priorityPerSecond: 10, itemsPerBatch: 5 };

let n = 0;
const pick = () => SYMBOLS[n++ % SYMBOLS.length]!;

function pattern(confidence: number): Pattern {
  const symbol = pick();
  return {
    id: `bench-p${n}`,
    pattern_type: confidence >= 0.8 ? 'Breakout' : 'PriceChange',
    symbol,
    confidence,
    timestamp: new Date().toISOString(),
    timeframe: 'daily',
    parameters: { period: 20, change_pct: 1.8 },
    bar_data: { open: 101.2, high: 103.9, low: 100.7, close: 103.4, volume: 1_250_000 },
    metadata: { source: 'bench' },
    session_id: 'bench-session',
    priority: confidence >= 0.8 ? 'high' : 'normal',
  };
}

function indicator(): Indicator {
  const symbol = pick();
  return {
    id: `bench-i${n}`,
    indicator_type: 'SMA20',
    symbol,
    value: 101.5,
    values: { sma_20: 101.5 },
    timestamp: new Date().toISOString(),
    timeframe: 'daily',
    metadata: {},
    session_id: 'bench-session',
  };
}

const frames = {
  patterns: (items: number): ServerFrame => ({
    event: 'streaming_patterns_batch',
    data: patternsBatch(Array.from({ length: items }, () => pattern(0.6)), new Date().toISOString()),
  }),
  indicators: (items: number): ServerFrame => ({
    event: 'streaming_indicators_batch',
    data: indicatorsBatch(Array.from({ length: items }, () => indicator()), new Date().toISOString()),
  }),
  priority: (): ServerFrame => ({ event: 'streaming_pattern', data: patternItem(pattern(0.92)) }),
};

export type Feeder = { stop(): Promise<{ appended: number; bytes: number }> };

/** Appends the workload's frames on timers until stopped (bounded by the caller's window). */
export function startFeeder(bus: Bus, w: Workload): Feeder {
  let appended = 0;
  let bytes = 0;
  const pending = new Set<Promise<unknown>>();
  const append = (frame: ServerFrame) => {
    const text = JSON.stringify(frame);
    bytes += text.length;
    const p = bus
      .append(SERVICE_KEYS.framesStream, { [FRAME_FIELD]: text, [FENCE_FIELD]: '1' }, { maxLen: 100_000 })
      .then(() => void appended++)
      .finally(() => pending.delete(p));
    pending.add(p);
  };
  const timers = [
    setInterval(() => append(frames.patterns(w.itemsPerBatch)), 1000 / w.batchesPerSecond),
    setInterval(() => append(frames.indicators(w.itemsPerBatch)), 1000 / w.batchesPerSecond),
    setInterval(() => append(frames.priority()), 1000 / w.priorityPerSecond),
  ];
  return {
    async stop() {
      timers.forEach(clearInterval);
      await Promise.allSettled([...pending]);
      return { appended, bytes };
    },
  };
}
