import { describe, expect, it } from 'vitest';
import { createBackoff } from './backoff';

describe(createBackoff.name, () => {
  it('doubles the ceiling on each attempt and waits between half and all of it', () => {
    const low = createBackoff({ baseMs: 500, maxMs: 30_000, random: () => 0 });
    const high = createBackoff({ baseMs: 500, maxMs: 30_000, random: () => 0.999999 });
    expect([1, 2, 3, 4].map(() => low.next())).toEqual([250, 500, 1000, 2000]);
    expect([1, 2, 3, 4].map(() => high.next())).toEqual([500, 1000, 2000, 4000]);
  });

  it('never waits longer than maxMs, however many attempts failed', () => {
    const sut = createBackoff({ baseMs: 500, maxMs: 30_000, random: () => 0.999999 });
    for (let i = 0; i < 40; i++) expect(sut.next()).toBeLessThanOrEqual(30_000);
  });

  it('spreads clients that failed together (jitter)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => createBackoff({ baseMs: 1000 }).next()));
    expect(delays.size).toBeGreaterThan(10);
  });

  it('starts again from the base after reset', () => {
    const sut = createBackoff({ baseMs: 500, random: () => 0 });
    sut.next();
    sut.next();
    sut.reset();
    expect(sut.attempt).toBe(0);
    expect(sut.next()).toBe(250);
  });
});
