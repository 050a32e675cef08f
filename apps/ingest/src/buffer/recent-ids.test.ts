import { describe, expect, it } from 'vitest';
import { createRecentIds } from './recent-ids';

describe(createRecentIds.name, () => {
  it('remembers up to capacity ids and forgets the oldest first', () => {
    const sut = createRecentIds(3);
    for (const id of ['a', 'b', 'c', 'd']) sut.add(id);
    expect(['a', 'b', 'c', 'd'].map((id) => sut.has(id))).toEqual([false, true, true, true]);
    expect(sut.size).toBe(3);
    sut.add('e');
    expect(sut.has('b')).toBe(false);
    expect(sut.size).toBe(3);
  });

  it('does not count an id added twice, nor refresh its age', () => {
    const sut = createRecentIds(2);
    sut.add('a');
    sut.add('a');
    sut.add('b');
    expect(sut.size).toBe(2);
    sut.add('c');
    expect([sut.has('a'), sut.has('b'), sut.has('c')]).toEqual([false, true, true]);
  });

  it('keeps exactly the last capacity ids over many wraps of its ring', () => {
    const sut = createRecentIds(1000);
    for (let i = 0; i < 25_000; i++) sut.add(`id-${i}`);
    expect(sut.size).toBe(1000);
    expect(sut.has('id-23999')).toBe(false);
    expect(sut.has('id-24000')).toBe(true);
    expect(sut.has('id-24999')).toBe(true);
  });

  it('refuses a capacity below 1', () => {
    expect(() => createRecentIds(0)).toThrow(RangeError);
  });
});
