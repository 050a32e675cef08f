import { indicatorsBatch, patternItem, type Indicator, type Pattern, type ServerFrame } from '@tickstock/contracts';
import { describe, expect, it } from 'vitest';
import { duplicatedItems, frameItemIds, type StreamFrame } from './frames';

const pattern = (id: string): Pattern => ({ id, pattern_type: 'Doji', symbol: 'NVDA', confidence: 0.9, timestamp: '2025-10-16T02:08:03.000Z', timeframe: '1min', parameters: {}, bar_data: null, metadata: {}, session_id: 's', priority: 'high' });
const indicator = (id: string): Indicator => ({ id, indicator_type: 'RSI', symbol: 'NVDA', value: 1, values: {}, timestamp: '2025-10-16T02:08:03.000Z', timeframe: '1min', metadata: {}, session_id: 's' });
const at = (i: number, frame: ServerFrame): StreamFrame => ({ id: `${i}-0`, ms: i, fence: 1, frame });

describe(duplicatedItems.name, () => {
  const frames = [
    at(1, { event: 'streaming_pattern', data: patternItem(pattern('p1')) }),
    at(2, { event: 'streaming_indicators_batch', data: indicatorsBatch([indicator('i1'), indicator('i2')], '2025-10-16T02:08:03.250Z') }),
    at(3, { event: 'streaming_indicators_batch', data: indicatorsBatch([indicator('i2')], '2025-10-16T02:08:03.500Z') }),
  ];

  it('reads every item of a batch', () => {
    expect(frames.flatMap((f) => frameItemIds(f.frame))).toEqual(['p1', 'i1', 'i2', 'i2']);
  });

  it('finds an item that left in more frames than the producer sent it', () => {
    expect(duplicatedItems(frames, new Map([['p1', 2], ['i1', 1], ['i2', 1]]))).toEqual([{ id: 'i2', frames: 2, allowed: 1 }]);
  });

  it('allows an item the producer itself sent twice on one channel', () => {
    expect(duplicatedItems(frames, new Map([['i2', 2]]))).toEqual([]);
  });
});
