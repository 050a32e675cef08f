import { describe, expect, it } from 'vitest';
import { confidenceLevel, formatCount, formatNumber, formatPercent, formatRate } from './numbers';

describe(formatNumber.name, () => {
  it('follows magnitude: cents for prices, significant digits below 1, compact for millions', () => {
    expect(formatNumber(181.456)).toBe('181.46');
    expect(formatNumber(12345.678)).toBe('12,345.68');
    expect(formatNumber(0.0012345)).toBe('0.001235');
    expect(formatNumber(2_500_000)).toBe('2.5M');
    expect(formatNumber(-0.5)).toBe('-0.5');
    expect(formatNumber(0)).toBe('0');
  });

  it('shows a dash for missing or non-finite values', () => {
    for (const v of [null, undefined, NaN, Infinity]) expect(formatNumber(v)).toBe('—');
  });
});

describe('counts, rates and percentages', () => {
  it('formats them for the cards', () => {
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(1_234_567)).toBe('1.23M');
    expect(formatRate(2.45)).toBe('2.5');
    expect(formatRate(1200)).toBe('1,200');
    expect(formatPercent(0.874)).toBe('87%');
  });
});

describe(confidenceLevel.name, () => {
  it('is high from the default priority confidence, medium from 0.6', () => {
    expect([0.95, 0.8, 0.79, 0.6, 0.59].map(confidenceLevel)).toEqual(['high', 'high', 'medium', 'medium', 'low']);
  });
});
