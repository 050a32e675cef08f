import { describe, expect, it } from 'vitest';
import { checkSequence, type Received } from './sequence';

const STREAM = ['10-0', '10-1', '11-0', '12-0', '13-0', '14-0'];
const frames = (...seqs: string[]): Received[] => seqs.map((seq, i) => ({ seq, event: i % 2 ? 'streaming_indicators_batch' : 'streaming_patterns_batch' }));

describe(checkSequence.name, () => {
  it('passes a client that got every entry after its welcome, once and in order', () => {
    const sut = checkSequence({ startAfter: '10-1', received: frames('11-0', '12-0', '13-0', '14-0'), resyncsAt: [] }, STREAM);
    expect(sut).toMatchObject({ expected: 4, received: 4, duplicates: 0, outOfOrder: 0, missing: 0, skippedByResync: 0, unknown: 0 });
    expect(sut.perTopic.patterns).toEqual({ frames: 2, notIncreasing: 0 });
  });

  it('counts a gap, a duplicate, a frame out of order and an unfinished tail', () => {
    const sut = checkSequence({ startAfter: null, received: frames('10-0', '11-0', '11-0', '10-1', '12-0'), resyncsAt: [] }, STREAM);
    expect(sut).toMatchObject({ expected: 6, duplicates: 1, outOfOrder: 1, missing: 1 + 2 });
  });

  it('excuses what a resync_required skipped, and only that', () => {
    const sut = checkSequence({ startAfter: null, received: frames('10-0', '13-0', '14-0'), resyncsAt: [1] }, STREAM);
    expect(sut).toMatchObject({ missing: 0, skippedByResync: 3 });
  });

  it('counts seqs the stream never had, and a topic going backwards', () => {
    const sut = checkSequence({ startAfter: '13-0', received: [{ seq: '14-0', event: 'streaming_health' }, { seq: '99-0', event: 'streaming_health' }, { seq: '13-5', event: 'streaming_health' }], resyncsAt: [] }, STREAM);
    expect(sut.unknown).toBe(2);
    expect(sut.perTopic.health).toEqual({ frames: 3, notIncreasing: 1 });
  });
});
