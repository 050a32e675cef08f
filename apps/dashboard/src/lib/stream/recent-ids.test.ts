import { describe, expect, it } from 'vitest';
import { RecentIds } from './recent-ids';

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
});
