// The streaming buffer through the real pipeline: conflation, carried overflow, counted drops,
// the priority bypass, the double publish, and buffering off.
import { CHANNELS, type ServerFrame } from '@tickstock/contracts';
import { startRedis, waitFor, type TestRedis } from '@tickstock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './support';

const pattern = (symbol: string, name: string, confidence: number, second = 0) => ({
  type: 'streaming_pattern',
  detection: { pattern: name, symbol, confidence, timestamp: `2025-10-16T02:08:${String(second).padStart(2, '0')}Z` },
});
const indicator = (symbol: string, name: string, value: number, second: number) => ({
  type: 'streaming_indicator',
  calculation: { indicator: name, symbol, value, timestamp: `2025-10-16T02:09:${String(second).padStart(2, '0')}Z` },
});

async function framesWhen(stack: Stack, done: (frames: ServerFrame[]) => boolean): Promise<ServerFrame[]> {
  return waitFor(async () => {
    const f = await stack.frames();
    return done(f) ? f : undefined;
  }, { what: 'the expected frames' });
}

describe('streaming buffer, end to end', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.stop());

  it('conflates per SYMBOL:NAME (latest wins, the rest counted), carries overflow in order, drops past the cap and says so', async () => {
    // A 1 s window; at most 2 items per frame; at most 3 keys pending.
    const stack = await startStack(import.meta.url, { STREAMING_BUFFER_INTERVAL: '1000', STREAMING_MAX_BATCH_SIZE: '2', STREAMING_MAX_BUFFER_SIZE: '3' }, { redis });
    try {
      // Start right after a flush, so the six messages below share one 1 s window.
      await stack.publish(CHANNELS.indicatorsStreaming, indicator('SYNC', 'RSI', 0, 0));
      await framesWhen(stack, (f) => f.length === 1);
      await stack.publish(CHANNELS.indicatorsStreaming, indicator('AAA', 'RSI', 1, 1));
      await stack.publish(CHANNELS.indicatorsStreaming, indicator('AAA', 'RSI', 2, 2)); // replaces the first
      for (const [i, s] of ['BBB', 'CCC', 'DDD', 'EEE'].entries()) await stack.publish(CHANNELS.indicatorsStreaming, indicator(s, 'RSI', 10 + i, 3 + i));
      const frames = await framesWhen(stack, (f) => f.reduce((n, x) => n + (x.event === 'streaming_indicators_batch' ? x.data.count : 0), 0) >= 4);
      const batches = frames.filter((f) => f.event === 'streaming_indicators_batch').slice(1);
      // AAA and BBB were the oldest of five keys over a cap of three: dropped, reported in the first frame.
      expect(batches.map((b) => b.data.indicators.map((i) => `${i.key}=${i.calculation.value}`))).toEqual([['CCC:RSI=11', 'DDD:RSI=12'], ['EEE:RSI=13']]);
      expect(batches.map((b) => b.data.dropped)).toEqual([2, undefined]);
      expect(batches.map((b) => b.data.count)).toEqual([2, 1]);
      expect(await stack.metric('ingest_events_deduplicated_total', { stream: 'indicators' })).toBe(1);
      expect(await stack.metric('ingest_events_dropped_total', { stream: 'indicators' })).toBe(2);
      // accepted = sent + deduplicated + dropped: nothing unaccounted.
      expect(await stack.metric('ingest_events_accepted_total')).toBe(7);
      expect(await stack.metric('ingest_events_sent_total', { stream: 'indicators' })).toBe(4);
    } finally {
      await stack.close();
    }
  });

  it('sends a priority pattern at once and once, whichever channel it comes on first', async () => {
    const stack = await startStack(import.meta.url, { STREAMING_BUFFER_INTERVAL: '1000' }, { redis });
    try {
      await stack.publish(CHANNELS.patternsStreaming, pattern('JPM', 'Hammer', 0.8, 1));
      await stack.publish(CHANNELS.patternsDetected, pattern('JPM', 'Hammer', 0.8, 1));
      await stack.publish(CHANNELS.patternsDetected, pattern('GS', 'Hammer', 0.95, 2));
      await stack.publish(CHANNELS.patternsStreaming, pattern('GS', 'Hammer', 0.95, 2));
      await stack.publish(CHANNELS.patternsStreaming, pattern('C', 'Doji', 0.79, 3));
      const frames = await framesWhen(stack, (f) => f.some((x) => x.event === 'streaming_patterns_batch'));
      expect(frames.map((f) => (f.event === 'streaming_pattern' ? f.data.key : f.event))).toEqual(['JPM:Hammer', 'GS:Hammer', 'streaming_patterns_batch']);
      expect(frames[0]).toMatchObject({ data: { type: 'streaming_pattern', detection: { priority: 'high', confidence: 0.8 } } });
      expect(await stack.metric('ingest_events_deduplicated_total', { stream: 'patterns' })).toBe(2);
    } finally {
      await stack.close();
    }
  });

  it('sends every pattern and indicator at once when buffering is off', async () => {
    const stack = await startStack(import.meta.url, { STREAMING_BUFFER_ENABLED: 'false' }, { redis });
    try {
      await stack.publish(CHANNELS.patternsStreaming, pattern('C', 'Doji', 0.3, 1));
      await stack.publish(CHANNELS.indicatorsStreaming, indicator('C', 'RSI', 40, 1));
      await stack.publish(CHANNELS.indicatorsStreaming, indicator('C', 'RSI', 41, 2));
      const frames = await framesWhen(stack, (f) => f.length >= 3);
      expect(frames.map((f) => f.event)).toEqual(['streaming_pattern', 'streaming_indicator', 'streaming_indicator']);
    } finally {
      await stack.close();
    }
  });
});
