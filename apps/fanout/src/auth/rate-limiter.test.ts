import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter';

describe(createRateLimiter.name, () => {
  it('lets an address use its burst, then one connection per refill interval', () => {
    let now = 0;
    const sut = createRateLimiter({ perSecond: 2, burst: 3, now: () => now });
    expect([1, 2, 3, 4].map(() => sut.take('a'))).toEqual([true, true, true, false]);
    now = 499;
    expect(sut.take('a')).toBe(false);
    now = 500;
    expect(sut.take('a')).toBe(true);
  });

  it('keeps one bucket per address', () => {
    const sut = createRateLimiter({ perSecond: 1, burst: 1, now: () => 0 });
    expect(sut.take('a')).toBe(true);
    expect(sut.take('a')).toBe(false);
    expect(sut.take('b')).toBe(true);
  });

  it('never limits when the rate is 0', () => {
    const sut = createRateLimiter({ perSecond: 0, burst: 1, now: () => 0 });
    expect(Array.from({ length: 100 }, () => sut.take('a')).every(Boolean)).toBe(true);
  });

  it('forgets buckets that refilled completely', () => {
    let now = 0;
    const sut = createRateLimiter({ perSecond: 1, burst: 2, now: () => now });
    sut.take('a');
    sut.take('b');
    sut.take('b');
    now = 1000;
    sut.prune();
    expect(sut.size()).toBe(1);
  });
});
