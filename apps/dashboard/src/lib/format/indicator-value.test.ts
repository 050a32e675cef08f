import { describe, expect, it } from 'vitest';
import { describeIndicator, indicatorText } from './indicator-value';

describe(describeIndicator.name, () => {
  it('shows a scalar indicator as its number', () => {
    expect(describeIndicator(71.234, {})).toEqual({ primary: '71.23', named: [] });
  });

  it('shows MACD as its named values, never as {}', () => {
    const d = describeIndicator(null, { macd: 1.2345, signal: 0.98, histogram: 0.2545 });
    expect(d).toEqual({
      primary: null,
      named: [
        { name: 'MACD', text: '1.23' },
        { name: 'signal', text: '0.98' },
        { name: 'histogram', text: '0.2545' },
      ],
    });
    expect(indicatorText(null, { macd: 1.2345, signal: 0.98, histogram: 0.2545 })).toBe('MACD 1.23 · signal 0.98 · histogram 0.2545');
  });

  it('names moving averages the way traders write them', () => {
    expect(indicatorText(null, { sma_20: 181.5, sma_50: 176.25 })).toBe('SMA 20 181.5 · SMA 50 176.25');
  });

  it('does not repeat the scalar that format A also sends as values.value', () => {
    expect(describeIndicator(55, { value: 55 })).toEqual({ primary: '55', named: [] });
  });

  it('reads a lone values.value as the scalar', () => {
    expect(describeIndicator(null, { value: 42.5 })).toEqual({ primary: '42.5', named: [] });
  });

  it('flattens grouped values such as bands one level', () => {
    expect(indicatorText(null, { bands: { upper: 190, middle: 180, lower: 170 } })).toBe('upper 190 · middle 180 · lower 170');
  });

  it('shows "—" when there is nothing to show (empty object, nulls, nested junk)', () => {
    expect(indicatorText(null, {})).toBe('—');
    expect(indicatorText(null, { a: null, b: [], c: {} })).toBe('—');
  });

  it('reads numeric strings as numbers and keeps short text', () => {
    expect(indicatorText(null, { k: '12.5', trend: 'up' })).toBe('k 12.5 · trend up');
  });

  it('never prints [object Object]', () => {
    expect(indicatorText(3, { deep: { deeper: { deepest: 1 } } })).not.toContain('object');
  });
});
