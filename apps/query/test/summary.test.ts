// GET /streaming/api/summary against seeded rows, and its cache (SUMMARY_CACHE_MS).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ago, indicator, indicatorAlert, criticalAlert, openContext, pattern, type TestContext } from './support';

async function seed(ctx: TestContext) {
  await ctx.repos.patterns.insertPatterns([
    pattern({ id: 'p1', symbol: 'NVDA', pattern_type: 'Doji', timestamp: ago(5) }),
    pattern({ id: 'p2', symbol: 'NVDA', pattern_type: 'Hammer', timestamp: ago(6) }),
    pattern({ id: 'p3', symbol: 'AAPL', pattern_type: 'Doji', timestamp: ago(7) }),
    pattern({ id: 'p-old', symbol: 'TSLA', pattern_type: 'Engulfing', timestamp: ago(180) }),
  ]);
  await ctx.repos.indicators.insertIndicators([
    indicator({ id: 'i1', symbol: 'AAPL', timestamp: ago(1) }),
    indicator({ id: 'i2', symbol: 'AAPL', timestamp: ago(2) }),
    indicator({ id: 'i3', symbol: 'MSFT', timestamp: ago(3) }),
    indicator({ id: 'i-old', symbol: 'TSLA', timestamp: ago(200) }),
  ]);
  await ctx.repos.alerts.insertAlerts([indicatorAlert({ id: 'a1', symbol: 'MSFT', timestamp: ago(1) }), criticalAlert({ id: 'c1', timestamp: ago(2) })]);
}

describe('GET /streaming/api/summary', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await openContext(import.meta.url);
    await seed(ctx);
  });
  afterAll(() => ctx?.close());

  const get = (url: string) => ctx.app.inject({ method: 'GET', url, headers: ctx.auth() });

  it('counts the last hour: distribution by type, busiest symbols (ties by name), totals', async () => {
    const res = await get('/streaming/api/summary');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      window_hours: 1,
      pattern_distribution: { Doji: 2, Hammer: 1 },
      top_symbols: [
        { symbol: 'AAPL', events: 3 },
        { symbol: 'MSFT', events: 2 },
        { symbol: 'NVDA', events: 2 },
      ],
      total_patterns: 3,
      total_indicators: 3,
      total_alerts: 2,
    });
  });

  it('widens with hours', async () => {
    const body = (await get('/streaming/api/summary?hours=4')).json();
    expect(body).toMatchObject({ window_hours: 4, total_patterns: 4, total_indicators: 4, pattern_distribution: { Engulfing: 1 } });
    expect(body.top_symbols).toContainEqual({ symbol: 'TSLA', events: 2 });
  });
});

describe('GET /streaming/api/summary with SUMMARY_CACHE_MS', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await openContext(import.meta.url, { config: { SUMMARY_CACHE_MS: 60_000 } });
    await seed(ctx);
  });
  afterAll(() => ctx?.close());

  it('serves the same summary to every caller until it is SUMMARY_CACHE_MS old', async () => {
    const first = (await ctx.app.inject({ method: 'GET', url: '/streaming/api/summary', headers: ctx.auth() })).json();
    await ctx.repos.patterns.insertPatterns([pattern({ id: 'late', timestamp: ago(1) })]);
    const second = (await ctx.app.inject({ method: 'GET', url: '/streaming/api/summary', headers: ctx.auth() })).json();
    expect(second).toEqual(first);
    const otherWindow = (await ctx.app.inject({ method: 'GET', url: '/streaming/api/summary?hours=2', headers: ctx.auth() })).json();
    expect(otherWindow.total_patterns).toBe(first.total_patterns + 1);
  });
});
