// GET /streaming/api/patterns/{symbol} against seeded rows: order, window, limit, shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ago, idsOf, openContext, pattern, rowsOf, type TestContext } from './support';

describe('GET /streaming/api/patterns/{symbol}', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await openContext(import.meta.url);
    await ctx.repos.patterns.insertPatterns([
      pattern({ id: 'p-10m', symbol: 'NVDA', timestamp: ago(10), pattern_type: 'Hammer', confidence: 0.9 }),
      pattern({ id: 'p-30m', symbol: 'NVDA', timestamp: ago(30) }),
      pattern({ id: 'p-5m', symbol: 'NVDA', timestamp: ago(5), session_id: null, bar_data: null }),
      pattern({ id: 'p-90m', symbol: 'NVDA', timestamp: ago(90) }),
      pattern({ id: 'p-23h', symbol: 'NVDA', timestamp: ago(23 * 60) }),
      pattern({ id: 'p-25h', symbol: 'NVDA', timestamp: ago(25 * 60) }),
      pattern({ id: 'other', symbol: 'AAPL', timestamp: ago(1) }),
      pattern({ id: 'dotted', symbol: 'BRK.B', timestamp: ago(1) }),
    ]);
  });
  afterAll(() => ctx?.close());

  const get = (url: string) => ctx.app.inject({ method: 'GET', url, headers: ctx.auth() });

  it('answers the last hour by default, newest first, only that symbol', async () => {
    const res = await get('/streaming/api/patterns/NVDA');
    expect(res.statusCode).toBe(200);
    expect(idsOf(res)).toEqual(['p-5m', 'p-10m', 'p-30m']);
  });

  it('widens the window with hours', async () => {
    expect((await get('/streaming/api/patterns/NVDA?hours=2')).json()).toHaveLength(4);
    expect(idsOf(await get('/streaming/api/patterns/NVDA?hours=24'))).toEqual([
      'p-5m',
      'p-10m',
      'p-30m',
      'p-90m',
      'p-23h',
    ]);
  });

  it('cuts at limit, keeping the newest', async () => {
    expect(idsOf(await get('/streaming/api/patterns/NVDA?hours=24&limit=2'))).toEqual(['p-5m', 'p-10m']);
  });

  it('upper-cases the symbol', async () => {
    expect((await get('/streaming/api/patterns/nvda')).json()).toHaveLength(3);
    expect(idsOf(await get('/streaming/api/patterns/brk.b'))).toEqual(['dotted']);
  });

  it('gives each record exactly the contract fields, timestamps in UTC ISO with milliseconds', async () => {
    const [newest, second] = rowsOf(await get('/streaming/api/patterns/NVDA'));
    expect(Object.keys(newest!).sort()).toEqual(
      ['bar_data', 'confidence', 'id', 'metadata', 'parameters', 'pattern_type', 'session_id', 'symbol', 'timeframe', 'timestamp'].sort(),
    );
    expect(newest).toMatchObject({ id: 'p-5m', symbol: 'NVDA', session_id: null, bar_data: null, parameters: { period: 14 }, metadata: { source: 'test' } });
    expect(second).toMatchObject({ pattern_type: 'Hammer', confidence: 0.9, timeframe: '1min', bar_data: { open: 1, high: 2, low: 0.5, close: 1.5, volume: 1000 } });
    expect(newest!.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('answers an empty array for a symbol with nothing stored', async () => {
    const res = await get('/streaming/api/patterns/ZZZZ');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([]);
  });
});
