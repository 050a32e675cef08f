import { describe, expect, it } from 'vitest';
import { createRateMeter } from './rate-meter';

describe(createRateMeter.name, () => {
  it('reports the events of the last complete second', () => {
    const sut = createRateMeter(60);
    sut.add(5, 10_100);
    sut.add(7, 10_900);
    sut.add(1, 11_200); // the current second is not complete yet
    expect(sut.perSecond(11_500)).toBe(12);
  });

  it('returns one value per second of the window, oldest first, zero where nothing came', () => {
    const sut = createRateMeter(5);
    sut.add(3, 1_000);
    sut.add(4, 3_000);
    expect(sut.series(6_000)).toEqual([3, 0, 4, 0, 0]); // seconds 1..5
  });

  it('forgets counts older than the window even when the slot is reused', () => {
    const sut = createRateMeter(5);
    sut.add(9, 1_000);
    expect(sut.series(20_000)).toEqual([0, 0, 0, 0, 0]);
    expect(sut.perSecond(2_000 + 6_000 * 1000)).toBe(0);
  });
});
