import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIndicatorRepository, type IndicatorRepository } from '../src';
import { ago, indicator, openTestDb, type DbContext } from './support';

describe(createIndicatorRepository.name, () => {
  let ctx: DbContext;
  let sut: IndicatorRepository;
  const now = new Date();

  beforeAll(async () => {
    ctx = await openTestDb(import.meta.url);
    sut = createIndicatorRepository(ctx.db);
  });
  afterAll(() => ctx?.close());

  it('stores a batch once: the same batch again inserts nothing', async () => {
    const batch = [indicator({ id: 'i-1', symbol: 'IDEM', timestamp: ago(1, now) }), indicator({ id: 'i-2', symbol: 'IDEM', timestamp: ago(2, now) })];
    expect(await sut.insertIndicators(batch)).toBe(2);
    expect(await sut.insertIndicators(batch)).toBe(0);
    expect(await sut.listBySymbol({ symbol: 'IDEM', hours: 1, limit: 100, now })).toHaveLength(2);
  });

  it('returns the IndicatorRecord shape, with a null value and named values kept', async () => {
    const ts = ago(3, now);
    await sut.insertIndicators([
      indicator({ id: 'macd-1', symbol: 'SHAPE', indicator_type: 'MACD', value: null, values: { macd: 1.5, signal: 1.2, histogram: 0.3 }, timestamp: ts }),
    ]);

    const [record] = await sut.listBySymbol({ symbol: 'SHAPE', hours: 1, limit: 10, now });

    expect(record).toEqual({
      id: 'macd-1',
      indicator_type: 'MACD',
      symbol: 'SHAPE',
      timestamp: ts,
      value: null,
      values: { macd: 1.5, signal: 1.2, histogram: 0.3 },
      timeframe: '1min',
      metadata: {},
      session_id: 'sess-1',
    });
  });

  it('lists newest first inside the window, optionally of one indicator type, at most `limit`', async () => {
    await sut.insertIndicators([
      indicator({ id: 'sma-1', symbol: 'WIN', indicator_type: 'SMA5', timestamp: ago(1, now) }),
      indicator({ id: 'rsi-1', symbol: 'WIN', indicator_type: 'RSI14', timestamp: ago(2, now) }),
      indicator({ id: 'sma-2', symbol: 'WIN', indicator_type: 'SMA5', timestamp: ago(3, now) }),
      indicator({ id: 'sma-old', symbol: 'WIN', indicator_type: 'SMA5', timestamp: ago(61, now) }),
    ]);

    const all = await sut.listBySymbol({ symbol: 'WIN', hours: 1, limit: 100, now });
    expect(all.map((i) => i.id)).toEqual(['sma-1', 'rsi-1', 'sma-2']);

    const sma = await sut.listBySymbol({ symbol: 'WIN', hours: 1, indicatorType: 'SMA5', limit: 100, now });
    expect(sma.map((i) => i.id)).toEqual(['sma-1', 'sma-2']);

    const one = await sut.listBySymbol({ symbol: 'WIN', hours: 2, indicatorType: 'SMA5', limit: 1, now });
    expect(one.map((i) => i.id)).toEqual(['sma-1']);
  });
});
