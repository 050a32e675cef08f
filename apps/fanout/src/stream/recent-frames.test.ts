import { describe, expect, it } from 'vitest';
import type { PreparedFrame } from './prepared-frame';
import { createRecentFrames } from './recent-frames';

const frame = (id: string) => ({ id }) as PreparedFrame;
const ids = (sut: ReturnType<typeof createRecentFrames>, from: number) => {
  const out: string[] = [];
  for (let n = from; n < sut.end(); n++) out.push(sut.at(n)!.id);
  return out;
};

describe(createRecentFrames.name, () => {
  it('covers every id from the start position on, and finds the frames after one', () => {
    const sut = createRecentFrames(10, '5-0');
    ['6-0', '7-0', '7-1', '9-0'].forEach((id) => sut.push(frame(id)));
    expect(ids(sut, sut.indexAfter('5-0')!)).toEqual(['6-0', '7-0', '7-1', '9-0']);
    expect(ids(sut, sut.indexAfter('7-0')!)).toEqual(['7-1', '9-0']);
    expect(ids(sut, sut.indexAfter('8-0')!)).toEqual(['9-0']);
    expect(ids(sut, sut.indexAfter('9-0')!)).toEqual([]);
    expect(sut.indexAfter('4-9')).toBeNull();
  });

  it('stops covering what it evicted', () => {
    const sut = createRecentFrames(2, '0-0');
    ['1-0', '2-0', '3-0'].forEach((id) => sut.push(frame(id)));
    expect(sut.indexAfter('0-0')).toBeNull();
    expect(ids(sut, sut.indexAfter('1-0')!)).toEqual(['2-0', '3-0']);
    expect(sut.at(0)).toBeUndefined();
  });

  it('holds nothing with capacity 0 but still knows its position', () => {
    const sut = createRecentFrames(0, '0-0');
    sut.push(frame('1-0'));
    expect(sut.indexAfter('0-0')).toBeNull();
    expect(sut.indexAfter('1-0')).toBe(sut.end());
  });
});
