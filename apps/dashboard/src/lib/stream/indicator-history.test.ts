import { describe, expect, it } from 'vitest';
import { createIndicatorHistory } from './indicator-history';
import { indicatorRow } from './rows';
import { at, indicator } from './testing/frames';

const row = (id: string, second: number) => indicatorRow(indicator({ id, timestamp: at(second) }));

describe(createIndicatorHistory.name, () => {
  it('keeps every value oldest first, whatever order they came in', () => {
    const sut = createIndicatorHistory();
    sut.add([row('b', 2), row('c', 3)]);
    sut.add([row('a', 1)]);
    expect(sut.rows().map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });

  it('adds a value once when REST history and a live frame both carry it', () => {
    const sut = createIndicatorHistory();
    expect(sut.add([row('a', 1)])).toBe(true);
    expect(sut.add([row('a', 1)])).toBe(false);
    expect(sut.rows()).toHaveLength(1);
  });

  it('keeps only the newest `max` values', () => {
    const sut = createIndicatorHistory(2);
    sut.add([row('a', 1), row('b', 2), row('c', 3)]);
    expect(sut.rows().map((r) => r.id)).toEqual(['b', 'c']);
    expect(sut.add([row('a', 1)])).toBe(true); // forgotten, so it may come back
  });
});
