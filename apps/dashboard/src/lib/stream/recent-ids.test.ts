import { describe, expect, it } from 'vitest';
import { RecentIds } from './recent-ids';

const ids = (n: number, prefix = 'id') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe(RecentIds.name, () => {
  it('says whether an id is new', () => {
    const sut = new RecentIds(10);
    expect(sut.add('a')).toBe(true);
    expect(sut.add('a')).toBe(false);
  });

  it('forgets the oldest ids beyond its capacity, so memory stays bounded', () => {
    const sut = new RecentIds(3);
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) sut.add(id);
    expect(sut.size).toBe(3);
    expect(['f', 'g', 'h'].every((id) => sut.has(id))).toBe(true);
    expect(sut.has('a')).toBe(false);
  });

  it('at exactly its capacity remembers every id; one more forgets only the oldest', () => {
    const sut = new RecentIds(4);
    for (const id of ids(4)) sut.add(id);
    expect(ids(4).map((id) => sut.has(id))).toEqual([true, true, true, true]);
    sut.add('id4');
    expect(ids(5).map((id) => sut.has(id))).toEqual([false, true, true, true, true]);
    expect(sut.size).toBe(4);
  });

  it('never holds more than its capacity, however many ids pass through, wrapping many times', () => {
    const sut = new RecentIds(5);
    for (const [i, id] of ids(53).entries()) {
      sut.add(id);
      expect(sut.size).toBe(Math.min(i + 1, 5));
    }
    expect(ids(53).filter((id) => sut.has(id))).toEqual(['id48', 'id49', 'id50', 'id51', 'id52']);
  });

  it('does not let a repeated id take a slot or refresh its age', () => {
    const sut = new RecentIds(3);
    sut.add('a');
    sut.add('b');
    expect(sut.add('a')).toBe(false);
    sut.add('c');
    expect(sut.size).toBe(3);
    sut.add('d'); // 'a' is still the oldest insertion
    expect([sut.has('a'), sut.has('b'), sut.has('c'), sut.has('d')]).toEqual([false, true, true, true]);
  });

  it('takes a forgotten id back as new', () => {
    const sut = new RecentIds(2);
    sut.add('a');
    sut.add('b');
    sut.add('c');
    expect(sut.add('a')).toBe(true);
    expect([sut.has('a'), sut.has('b'), sut.has('c')]).toEqual([true, false, true]);
  });

  it('with capacity 1 remembers only the last id', () => {
    const sut = new RecentIds(1);
    expect(sut.add('a')).toBe(true);
    expect(sut.add('a')).toBe(false);
    expect(sut.add('b')).toBe(true);
    expect([sut.has('a'), sut.has('b'), sut.size]).toEqual([false, true, 1]);
  });

  it('refuses a capacity that could not hold an id', () => {
    expect(() => new RecentIds(0)).toThrow(RangeError);
    expect(() => new RecentIds(2.5)).toThrow(RangeError);
  });
});
