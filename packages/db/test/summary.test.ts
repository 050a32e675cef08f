import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertRepository, createIndicatorRepository, createPatternRepository, createSummaryRepository, type SummaryRepository } from '../src';
import { ago, criticalAlert, indicator, indicatorAlert, openTestDb, pattern, type DbContext } from './support';

describe(createSummaryRepository.name, () => {
  let ctx: DbContext;
  let sut: SummaryRepository;
  const now = new Date();

  beforeAll(async () => {
    ctx = await openTestDb(import.meta.url);
    sut = createSummaryRepository(ctx.db);
    await createPatternRepository(ctx.db).insertPatterns([
      pattern({ id: 'p1', symbol: 'AAPL', pattern_type: 'Doji', timestamp: ago(1, now) }),
      pattern({ id: 'p2', symbol: 'AAPL', pattern_type: 'Hammer', timestamp: ago(2, now) }),
      pattern({ id: 'p3', symbol: 'MSFT', pattern_type: 'Doji', timestamp: ago(3, now) }),
      pattern({ id: 'p-old', symbol: 'MSFT', pattern_type: 'Engulfing', timestamp: ago(90, now) }),
    ]);
    await createIndicatorRepository(ctx.db).insertIndicators([
      indicator({ id: 'i1', symbol: 'MSFT', timestamp: ago(1, now) }),
      indicator({ id: 'i2', symbol: 'MSFT', timestamp: ago(2, now) }),
      indicator({ id: 'i3', symbol: 'NVDA', timestamp: ago(3, now) }),
      indicator({ id: 'i-old', symbol: 'NVDA', timestamp: ago(100, now) }),
    ]);
    await createAlertRepository(ctx.db).insertAlerts([
      indicatorAlert({ id: 'a1', symbol: 'NVDA', timestamp: ago(1, now) }),
      criticalAlert({ id: 'c1', timestamp: ago(2, now) }),
      indicatorAlert({ id: 'a-old', symbol: 'AAPL', timestamp: ago(120, now) }),
    ]);
  });
  afterAll(() => ctx?.close());

  it('counts the window: distribution by pattern type and totals of each kind', async () => {
    const summary = await sut.summary({ hours: 1, now });
    expect(summary).toMatchObject({
      window_hours: 1,
      pattern_distribution: { Doji: 2, Hammer: 1 },
      total_patterns: 3,
      total_indicators: 3,
      total_alerts: 2,
    });
  });

  it('ranks symbols by patterns + indicators + alerts, ties by symbol; alerts without a symbol count only in totals', async () => {
    const { top_symbols } = await sut.summary({ hours: 1, now });
    // MSFT 1 pattern + 2 indicators; AAPL 2 patterns; NVDA 1 indicator + 1 alert.
    expect(top_symbols).toEqual([
      { symbol: 'MSFT', events: 3 },
      { symbol: 'AAPL', events: 2 },
      { symbol: 'NVDA', events: 2 },
    ]);
  });

  it('widens with `hours` and cuts top_symbols at `topSymbols`', async () => {
    const summary = await sut.summary({ hours: 3, topSymbols: 1, now });
    expect(summary.pattern_distribution).toEqual({ Doji: 2, Engulfing: 1, Hammer: 1 });
    expect(summary.total_indicators).toBe(4);
    expect(summary.total_alerts).toBe(3);
    expect(summary.top_symbols).toEqual([{ symbol: 'MSFT', events: 4 }]);
  });

  it('answers zeros and empty collections for an empty window', async () => {
    // The window is open-ended towards the future (a producer clock slightly ahead must not hide
    // fresh events), so an empty one is an hour that starts after everything stored.
    expect(await sut.summary({ hours: 1, now: new Date(now.getTime() + 2 * 3_600_000) })).toEqual({
      window_hours: 1,
      pattern_distribution: {},
      top_symbols: [],
      total_patterns: 0,
      total_indicators: 0,
      total_alerts: 0,
    });
  });
});
