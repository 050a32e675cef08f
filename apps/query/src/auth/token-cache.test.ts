import { describe, expect, it } from 'vitest';
import { createTokenCache } from './token-cache';

type Claims = { sub: string; exp: number };

function setup(maxEntries = 3) {
  let nowMs = 1_000_000;
  const sut = createTokenCache<Claims>({ maxEntries, now: () => nowMs });
  return { sut, at: (ms: number) => (nowMs = ms) };
}

describe(createTokenCache.name, () => {
  it('answers the claims of a token it was given, and nothing for another token', () => {
    const { sut } = setup();
    sut.set('token-a', { sub: 'ann', exp: 2_000 });

    expect(sut.get('token-a')).toEqual({ sub: 'ann', exp: 2_000 });
    expect(sut.get('token-b')).toBeUndefined();
    expect(sut.get('token-a ')).toBeUndefined();
  });

  it('honours expiry as the verifier does: valid up to and including exp, refused and dropped after', () => {
    const { sut, at } = setup();
    sut.set('token-a', { sub: 'ann', exp: 2_000 });

    at(2_000_000);
    expect(sut.get('token-a')).toBeDefined();
    at(2_000_001);
    expect(sut.get('token-a')).toBeUndefined();
    expect(sut.size).toBe(0);
    at(1_000_000); // an entry once refused for expiry is gone, even if the clock steps back
    expect(sut.get('token-a')).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const { sut } = setup(3);
    for (const t of ['t1', 't2', 't3']) sut.set(t, { sub: t, exp: 9_999 });
    expect(sut.get('t1')).toBeDefined(); // t1 is now the most recently used; t2 the least

    sut.set('t4', { sub: 't4', exp: 9_999 });

    expect(sut.size).toBe(3);
    expect(sut.get('t2')).toBeUndefined();
    expect(['t1', 't3', 't4'].map((t) => sut.get(t)?.sub)).toEqual(['t1', 't3', 't4']);
  });

  it('stays bounded under many distinct tokens', () => {
    const { sut } = setup(100);
    for (let i = 0; i < 10_000; i++) sut.set(`token-${i}`, { sub: 'ann', exp: 9_999 });
    expect(sut.size).toBe(100);
    expect(sut.get('token-9999')).toBeDefined();
    expect(sut.get('token-0')).toBeUndefined();
  });

  it('does not remember claims without a numeric expiry', () => {
    const { sut } = setup();
    sut.set('token-a', { sub: 'ann', exp: Number.NaN });
    expect(sut.get('token-a')).toBeUndefined();
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => createTokenCache({ maxEntries: 0, now: Date.now })).toThrow(/maxEntries/);
  });
});
