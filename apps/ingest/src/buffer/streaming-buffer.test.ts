import type { Indicator, Pattern } from '@tickstock/contracts';
import { describe, expect, it } from 'vitest';
import { createStreamingBuffer, type BufferSettings, type Emission } from './streaming-buffer';

const defaults: BufferSettings = { enabled: true, maxBufferSize: 100, maxBatchSize: 20, priorityConfidence: 0.8 };

function pattern(symbol: string, name: string, confidence = 0.5, ts = '2025-10-16T02:08:03.000Z'): Pattern {
  return {
    id: `pat_${symbol}_${name}_${ts}`,
    pattern_type: name,
    symbol,
    confidence,
    timestamp: ts,
    timeframe: '1min',
    parameters: {},
    bar_data: null,
    metadata: {},
    session_id: null,
    priority: confidence >= 0.8 ? 'high' : 'normal',
  };
}

function indicator(symbol: string, name: string, value: number): Indicator {
  const ts = `2025-10-16T02:08:${String(value % 60).padStart(2, '0')}.000Z`;
  return { id: `ind_${symbol}_${name}_${ts}`, indicator_type: name, symbol, value, values: {}, timestamp: ts, timeframe: '1min', metadata: {}, session_id: null };
}

const batchOf = (emissions: Emission[], kind: 'patterns_batch' | 'indicators_batch') => emissions.find((e) => e.kind === kind);

describe(createStreamingBuffer.name, () => {
  it('conflates per SYMBOL:NAME within a window: the latest value wins and the replaced one is deduplicated', () => {
    const sut = createStreamingBuffer(defaults);
    expect(sut.offerIndicator(indicator('NVDA', 'RSI', 1)).outcome).toBe('queued');
    expect(sut.offerIndicator(indicator('NVDA', 'RSI', 2)).outcome).toBe('deduplicated');
    expect(sut.offerIndicator(indicator('AAPL', 'RSI', 3)).outcome).toBe('queued');
    const batch = batchOf(sut.flush(), 'indicators_batch');
    expect(batch).toEqual({ kind: 'indicators_batch', indicators: [indicator('NVDA', 'RSI', 2), indicator('AAPL', 'RSI', 3)], dropped: 0 });
  });

  it('keeps patterns and indicators in separate buffers', () => {
    const sut = createStreamingBuffer(defaults);
    sut.offerPattern(pattern('NVDA', 'Doji'));
    sut.offerIndicator(indicator('NVDA', 'Doji', 5));
    const emissions = sut.flush();
    expect(emissions.map((e) => e.kind)).toEqual(['patterns_batch', 'indicators_batch']);
  });

  it('sends at most maxBatchSize items per frame and carries the rest, in first-seen order', () => {
    const sut = createStreamingBuffer({ ...defaults, maxBatchSize: 2 });
    for (const s of ['A', 'B', 'C', 'D', 'E']) sut.offerPattern(pattern(s, 'Doji'));
    const symbols = () => (batchOf(sut.flush(), 'patterns_batch') as { patterns: Pattern[] } | undefined)?.patterns.map((p) => p.symbol);
    expect(symbols()).toEqual(['A', 'B']);
    sut.offerPattern(pattern('F', 'Doji'));
    expect(symbols()).toEqual(['C', 'D']);
    expect(symbols()).toEqual(['E', 'F']);
    expect(sut.flush()).toEqual([]);
  });

  it('holds exactly maxBufferSize pending keys, drops the oldest past it, and reports the drop in the next frame', () => {
    const drops: string[] = [];
    const sut = createStreamingBuffer({ ...defaults, maxBufferSize: 3, maxBatchSize: 10 }, { onDrop: (s) => drops.push(s) });
    for (const s of ['A', 'B', 'C']) sut.offerPattern(pattern(s, 'Doji'));
    expect(drops).toEqual([]);
    sut.offerPattern(pattern('D', 'Doji'));
    sut.offerPattern(pattern('E', 'Doji'));
    expect(drops).toEqual(['patterns', 'patterns']);
    const batch = batchOf(sut.flush(), 'patterns_batch') as { patterns: Pattern[]; dropped: number };
    expect(batch.patterns.map((p) => p.symbol)).toEqual(['C', 'D', 'E']);
    expect(batch.dropped).toBe(2);
    sut.offerPattern(pattern('F', 'Doji'));
    expect((batchOf(sut.flush(), 'patterns_batch') as { dropped: number }).dropped).toBe(0);
  });

  it('sends a pattern at the priority confidence at once, and not again in a batch', () => {
    const sut = createStreamingBuffer(defaults);
    const high = pattern('JPM', 'Hammer', 0.8);
    expect(sut.offerPattern(high)).toEqual({ outcome: 'sent', emission: { kind: 'pattern', pattern: high } });
    expect(sut.pending().patterns).toBe(0);
    expect(sut.flush()).toEqual([]);
  });

  it('batches a pattern just below the priority confidence', () => {
    const sut = createStreamingBuffer(defaults);
    expect(sut.offerPattern(pattern('JPM', 'Hammer', 0.7999)).outcome).toBe('queued');
  });

  it('recomputes priority with the configured threshold', () => {
    const sut = createStreamingBuffer({ ...defaults, priorityConfidence: 0.9 });
    expect(sut.offerPattern(pattern('JPM', 'Hammer', 0.85)).outcome).toBe('queued');
    const batch = batchOf(sut.flush(), 'patterns_batch') as { patterns: Pattern[] };
    expect(batch.patterns[0]?.priority).toBe('normal');
  });

  it('treats a high-confidence detection published on both channels as one event, in either order', () => {
    const sut = createStreamingBuffer(defaults);
    const first = sut.offerPattern(pattern('JPM', 'Hammer', 0.82));
    const second = sut.offerPattern(pattern('JPM', 'Hammer', 0.82));
    expect([first.outcome, second.outcome]).toEqual(['sent', 'deduplicated']);
  });

  it('does not send again a pattern that already left in a batch when its copy arrives late', () => {
    const sut = createStreamingBuffer({ ...defaults, priorityConfidence: 0.9 });
    sut.offerPattern(pattern('JPM', 'Hammer', 0.85));
    sut.flush();
    expect(sut.offerPattern(pattern('JPM', 'Hammer', 0.85)).outcome).toBe('deduplicated');
    expect(sut.flush()).toEqual([]);
  });

  it('sends every pattern and indicator at once when buffering is off', () => {
    const sut = createStreamingBuffer({ ...defaults, enabled: false });
    expect(sut.offerPattern(pattern('A', 'Doji', 0.1)).emission?.kind).toBe('pattern');
    expect(sut.offerIndicator(indicator('A', 'RSI', 1)).emission?.kind).toBe('indicator');
    expect(sut.offerIndicator(indicator('A', 'RSI', 2)).emission?.kind).toBe('indicator');
    expect(sut.flush()).toEqual([]);
  });
});
