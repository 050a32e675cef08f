import { describe, expect, it } from 'vitest';
import { compareSeq, parseSeq } from './seq';

describe(compareSeq.name, () => {
  it('orders stream ids by their millisecond part as a number, not as text', () => {
    expect(compareSeq('9-0', '10-0')).toBeLessThan(0);
    expect(compareSeq('1700000000000-5', '1700000000000-12')).toBeLessThan(0);
    expect(compareSeq('1700000000001-0', '1700000000000-99')).toBeGreaterThan(0);
  });

  it('treats equal ids as equal and a missing sequence part as 0', () => {
    expect(compareSeq('5-3', '5-3')).toBe(0);
    expect(compareSeq('5', '5-0')).toBe(0);
  });

  it('keeps sequence parts beyond 2^53 exact', () => {
    expect(compareSeq('1-9007199254740993', '1-9007199254740992')).toBeGreaterThan(0);
  });

  it('rejects text that is not a stream id', () => {
    expect(parseSeq('abc')).toBeNull();
    expect(parseSeq('1-2-3')).toBeNull();
    expect(compareSeq('junk', '1-0')).toBeLessThan(0);
  });
});
