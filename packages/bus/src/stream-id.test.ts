import { describe, expect, it } from 'vitest';
import { compareStreamIds, nextStreamId, parseStreamId } from './stream-id';

describe(parseStreamId.name, () => {
  it('reads ms-seq, and a bare ms as ms-0', () => {
    expect(parseStreamId('1700000000000-7')).toEqual({ ms: 1700000000000n, seq: 7n });
    expect(parseStreamId('5')).toEqual({ ms: 5n, seq: 0n });
  });

  it('rejects anything else as INVALID', () => {
    for (const bad of ['', '$', '>', '1-', '-1', '1-2-3', 'abc', '1.5-0']) {
      expect(() => parseStreamId(bad), bad).toThrow(expect.objectContaining({ code: 'INVALID' }));
    }
  });
});

describe(compareStreamIds.name, () => {
  it('orders by ms, then seq, as 64-bit integers (not as strings or floats)', () => {
    expect(compareStreamIds('9-0', '10-0')).toBeLessThan(0);
    expect(compareStreamIds('10-2', '10-10')).toBeLessThan(0);
    expect(compareStreamIds('18446744073709551615-0', '18446744073709551614-9')).toBeGreaterThan(0);
    expect(compareStreamIds('7-1', '7-1')).toBe(0);
  });
});

describe(nextStreamId.name, () => {
  it('takes the clock when it moved on, otherwise bumps seq', () => {
    expect(nextStreamId({ ms: 10n, seq: 3n }, 11)).toEqual({ ms: 11n, seq: 0n });
    expect(nextStreamId({ ms: 10n, seq: 3n }, 10)).toEqual({ ms: 10n, seq: 4n });
    expect(nextStreamId({ ms: 10n, seq: 3n }, 2)).toEqual({ ms: 10n, seq: 4n });
  });
});
