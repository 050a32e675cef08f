import { describe, expect, it } from 'vitest';
import { rowWindow } from './row-window';

const base = { rowHeight: 30, viewportRows: 10, overscan: 3 };

describe(rowWindow.name, () => {
  it('at the top renders the visible rows and the overscan below them', () => {
    expect(rowWindow({ ...base, total: 500, scrollTop: 0 })).toEqual({ start: 0, end: 16, padTop: 0, padBottom: 484 * 30 });
  });

  it('scrolled, renders the visible rows with overscan on both sides; spacers keep the full height', () => {
    const sut = rowWindow({ ...base, total: 500, scrollTop: 100 * 30 + 7 });
    expect(sut).toEqual({ start: 97, end: 113, padTop: 97 * 30, padBottom: 387 * 30 });
    expect(sut.padTop + (sut.end - sut.start) * 30 + sut.padBottom).toBe(500 * 30);
  });

  it('at the bottom renders the last rows', () => {
    expect(rowWindow({ ...base, total: 500, scrollTop: 490 * 30 })).toEqual({ start: 484, end: 500, padTop: 484 * 30, padBottom: 0 });
  });

  it('renders every row of a table shorter than the window', () => {
    expect(rowWindow({ ...base, total: 5, scrollTop: 0 })).toEqual({ start: 0, end: 5, padTop: 0, padBottom: 0 });
    expect(rowWindow({ ...base, total: 0, scrollTop: 0 })).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });

  it('when the table shrank under a view scrolled past its end, renders its last rows', () => {
    expect(rowWindow({ ...base, total: 40, scrollTop: 400 * 30 })).toEqual({ start: 24, end: 40, padTop: 24 * 30, padBottom: 0 });
  });

  it('keeps the focused row rendered wherever the view is', () => {
    const below = rowWindow({ ...base, total: 500, scrollTop: 0, keep: 120 });
    expect(below).toMatchObject({ start: 0, end: 121, padBottom: 379 * 30 });
    const above = rowWindow({ ...base, total: 500, scrollTop: 300 * 30, keep: 2 });
    expect(above).toMatchObject({ start: 2, end: 313, padTop: 2 * 30 });
    expect(rowWindow({ ...base, total: 500, scrollTop: 0, keep: 900 })).toMatchObject({ start: 0, end: 16 }); // gone from the table
  });

  it('never renders more than the visible rows and twice the overscan when nothing is focused', () => {
    for (let top = 0; top < 600 * 30; top += 37) {
      const w = rowWindow({ ...base, total: 500, scrollTop: top });
      expect(w.end - w.start).toBeLessThanOrEqual(16);
      expect(w.end - w.start).toBe(16);
    }
  });
});
