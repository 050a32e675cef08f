import { normalizeSymbol } from '@tickstock/contracts';
import { describe, expect, it } from 'vitest';
import { createMarket } from './market';
import { createRng } from './rng';
import { REAL_TICKER_COUNT, symbolUniverse } from './symbols';
import { epochSeconds, isoZ, pythonNaive } from './time-formats';

describe(symbolUniverse.name, () => {
  it('starts with real tickers and continues with distinct synthetic ones, all valid symbols', () => {
    const sut = symbolUniverse(2000);
    expect(sut.slice(0, 3)).toEqual(['AAPL', 'MSFT', 'NVDA']);
    expect(sut[REAL_TICKER_COUNT]).toBe('ZZAA');
    expect(new Set(sut).size).toBe(2000);
    for (const s of sut) expect(normalizeSymbol(s), s).toBe(s);
  });

  it('refuses an empty universe', () => {
    expect(() => symbolUniverse(0)).toThrow(RangeError);
  });
});

describe('time formats', () => {
  const t = new Date(Date.UTC(2025, 9, 3, 13, 30, 0, 123));
  it('spells each generation as the producer does', () => {
    expect(isoZ(t)).toBe('2025-10-03T13:30:00.123Z');
    expect(pythonNaive(t)).toBe('2025-10-03T13:30:00.123000');
    expect(epochSeconds(t)).toBe(1759498200.123);
  });
});

describe(createMarket.name, () => {
  const sut = createMarket(createRng(3));

  it('builds bars that hang together (low <= open, close <= high) and continue the last close', () => {
    let close = sut.lastClose('AAPL');
    for (let i = 0; i < 500; i++) {
      const bar = sut.nextBar('AAPL');
      expect(bar.open).toBe(close);
      expect(bar.low).toBeLessThanOrEqual(Math.min(bar.open, bar.close));
      expect(bar.high).toBeGreaterThanOrEqual(Math.max(bar.open, bar.close));
      expect(bar.volume).toBeGreaterThan(0);
      close = bar.close;
    }
  });

  it('keeps indicators in their ranges: RSI 0-100, bands ordered, SMA near the price', () => {
    for (let i = 0; i < 300; i++) {
      sut.nextBar('MSFT');
      const rsi = sut.rsi('MSFT');
      expect(rsi).toBeGreaterThanOrEqual(0);
      expect(rsi).toBeLessThanOrEqual(100);
      const b = sut.bollinger('MSFT');
      expect(b.lower).toBeLessThanOrEqual(b.middle);
      expect(b.middle).toBeLessThanOrEqual(b.upper);
      expect(Math.abs(sut.sma('MSFT', 5) / sut.lastClose('MSFT') - 1)).toBeLessThan(0.05);
      const m = sut.macd('MSFT');
      expect(m.histogram).toBeCloseTo(m.macd - m.signal, 3);
    }
  });
});

describe(createRng.name, () => {
  it('repeats itself for the same seed, and makes uuid4-shaped ids', () => {
    const a = createRng(9);
    const b = createRng(9);
    expect([a.next(), a.uuid()]).toEqual([b.next(), b.uuid()]);
    expect(a.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
