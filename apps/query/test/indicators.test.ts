// GET /streaming/api/indicators/{symbol} against seeded rows: order, window, type filter, limit, shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ago, idsOf, indicator, openContext, rowsOf, type TestContext } from './support';

describe('GET /streaming/api/indicators/{symbol}', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await openContext(import.meta.url);
    await ctx.repos.indicators.insertIndicators([
      indicator({ id: 'sma-2m', symbol: 'MSFT', timestamp: ago(2) }),
      indicator({ id: 'rsi-3m', symbol: 'MSFT', timestamp: ago(3), indicator_type: 'RSI', value: 71.5, values: { value: 71.5 } }),
      indicator({ id: 'macd-4m', symbol: 'MSFT', timestamp: ago(4), indicator_type: 'MACD', value: null, values: { macd: 1, signal: 0.5, histogram: 0.5 } }),
      indicator({ id: 'sma-70m', symbol: 'MSFT', timestamp: ago(70) }),
      indicator({ id: 'sma-msft-25h', symbol: 'MSFT', timestamp: ago(25 * 60) }),
      indicator({ id: 'sma-aapl', symbol: 'AAPL', timestamp: ago(1) }),
    ]);
  });
  afterAll(() => ctx?.close());

  const ids = async (url: string) => idsOf(await ctx.app.inject({ method: 'GET', url, headers: ctx.auth() }));

  it('answers the last hour by default, newest first, only that symbol', async () => {
    expect(await ids('/streaming/api/indicators/MSFT')).toEqual(['sma-2m', 'rsi-3m', 'macd-4m']);
  });

  it('widens the window with hours and never reaches past 24 h', async () => {
    expect(await ids('/streaming/api/indicators/MSFT?hours=2')).toEqual(['sma-2m', 'rsi-3m', 'macd-4m', 'sma-70m']);
    expect(await ids('/streaming/api/indicators/MSFT?hours=24')).not.toContain('sma-msft-25h');
  });

  it('filters by exact indicator type', async () => {
    expect(await ids('/streaming/api/indicators/MSFT?indicator=RSI')).toEqual(['rsi-3m']);
    expect(await ids('/streaming/api/indicators/MSFT?indicator=SMA5&hours=2')).toEqual(['sma-2m', 'sma-70m']);
    expect(await ids('/streaming/api/indicators/MSFT?indicator=rsi')).toEqual([]);
  });

  it('reads an empty indicator as no filter (CONTRACT.md writes `?indicator=`)', async () => {
    expect(await ids('/streaming/api/indicators/MSFT?hours=1&indicator=&limit=200')).toEqual(['sma-2m', 'rsi-3m', 'macd-4m']);
  });

  it('cuts at limit, keeping the newest', async () => {
    expect(await ids('/streaming/api/indicators/MSFT?limit=1')).toEqual(['sma-2m']);
  });

  it('gives each record exactly the contract fields, value null where only named values exist', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/streaming/api/indicators/msft?indicator=MACD', headers: ctx.auth() });
    const [macd] = rowsOf(res);
    expect(Object.keys(macd!).sort()).toEqual(['id', 'indicator_type', 'metadata', 'session_id', 'symbol', 'timeframe', 'timestamp', 'value', 'values'].sort());
    expect(macd!).toMatchObject({ symbol: 'MSFT', value: null, values: { macd: 1, signal: 0.5, histogram: 0.5 }, session_id: 'sess-1' });
    expect(macd!.timestamp).toMatch(/\.\d{3}Z$/);
  });
});
