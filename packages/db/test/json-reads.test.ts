// listBySymbolJson builds the response body in PostgreSQL; it must be, once parsed, exactly what
// listBySymbol returns — same records, same order, same window and limit, same timestamp text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createDb, createIndicatorRepository, createPatternRepository } from '../src';
import { ago, indicator, openTestDb, pattern, type DbContext } from './support';

describe('listBySymbolJson', () => {
  let ctx: DbContext;
  const now = new Date();

  beforeAll(async () => {
    ctx = await openTestDb(import.meta.url);
    await createPatternRepository(ctx.db).insertPatterns([
      pattern({ id: 'p1', symbol: 'JSON', timestamp: ago(1, now), parameters: { quote: 'a"b\\c', unicode: 'Ä股😀', nested: { list: [1, 2.5, null] } } }),
      pattern({ id: 'p2', symbol: 'JSON', timestamp: ago(2, now), bar_data: null, session_id: null, confidence: 0.123456789 }),
      pattern({ id: 'p3', symbol: 'JSON', timestamp: '2026-01-02T03:04:05.678Z' }),
      // Same timestamp as p4: ties go by id, descending, in both reads.
      pattern({ id: 'p4a', symbol: 'JSON', timestamp: ago(3, now) }),
      pattern({ id: 'p4b', symbol: 'JSON', timestamp: ago(3, now) }),
      pattern({ id: 'other', symbol: 'ELSE', timestamp: ago(1, now) }),
    ]);
    await createIndicatorRepository(ctx.db).insertIndicators([
      indicator({ id: 'i1', symbol: 'JSON', timestamp: ago(1, now), value: null, values: { macd: 1, signal: -0.5 } }),
      indicator({ id: 'i2', symbol: 'JSON', timestamp: ago(2, now), indicator_type: 'RSI', value: 70.125, metadata: { note: 'x"y' } }),
      indicator({ id: 'i3', symbol: 'JSON', timestamp: ago(200, now) }),
    ]);
  });
  afterAll(() => ctx?.close());

  it('patterns: the same records as listBySymbol, for windows and limits', async () => {
    const sut = createPatternRepository(ctx.db);
    for (const query of [
      { symbol: 'JSON', hours: 1, limit: 100, now },
      { symbol: 'JSON', hours: 1, limit: 2, now },
      { symbol: 'JSON', hours: 1, limit: 1000, now: new Date('2026-01-02T03:30:00Z') },
      { symbol: 'NONE', hours: 24, limit: 100, now },
    ]) {
      const text = await sut.listBySymbolJson(query);
      expect(JSON.parse(text)).toEqual(await sut.listBySymbol(query));
    }
    const records = JSON.parse(await sut.listBySymbolJson({ symbol: 'JSON', hours: 1, limit: 100, now })) as { id: string }[];
    expect(records.map((r) => r.id)).toEqual(['p1', 'p2', 'p4b', 'p4a']);
  });

  it('patterns: keys in the contract order and timestamps as UTC ISO with milliseconds', async () => {
    // Windows are open towards the future (README), so p3 comes last of everything since 03:00.
    const records = JSON.parse(
      await createPatternRepository(ctx.db).listBySymbolJson({ symbol: 'JSON', hours: 1, limit: 100, now: new Date('2026-01-02T03:30:00Z') }),
    ) as Record<string, unknown>[];
    const record = records.find((r) => r.id === 'p3');
    expect(Object.keys(record!)).toEqual(['id', 'pattern_type', 'symbol', 'timestamp', 'confidence', 'parameters', 'timeframe', 'bar_data', 'metadata', 'session_id']);
    expect(record!.timestamp).toBe('2026-01-02T03:04:05.678Z');
  });

  it('answers [] when nothing matches', async () => {
    expect(await createPatternRepository(ctx.db).listBySymbolJson({ symbol: 'NONE', hours: 1, limit: 10, now })).toBe('[]');
    expect(await createIndicatorRepository(ctx.db).listBySymbolJson({ symbol: 'NONE', hours: 1, limit: 10, now })).toBe('[]');
  });

  it('indicators: the same records as listBySymbol, with and without a type filter', async () => {
    const sut = createIndicatorRepository(ctx.db);
    for (const query of [
      { symbol: 'JSON', hours: 1, limit: 200, now },
      { symbol: 'JSON', hours: 24, limit: 200, now },
      { symbol: 'JSON', hours: 24, limit: 1, now },
      { symbol: 'JSON', hours: 1, indicatorType: 'RSI', limit: 200, now },
    ]) {
      expect(JSON.parse(await sut.listBySymbolJson(query))).toEqual(await sut.listBySymbol(query));
    }
  });

  it('with genericPlans, plans each named statement once per connection and returns the same records', async () => {
    const db = createDb(ctx.testDb.url, { applicationName: 'db-tests', maxConnections: 1, genericPlans: true });
    try {
      const mode = await sql<{ plan_cache_mode: string }>`show plan_cache_mode`.execute(db);
      expect(mode.rows[0]!.plan_cache_mode).toBe('force_generic_plan');
      const query = { symbol: 'JSON', hours: 1, limit: 100, now };
      for (let k = 0; k < 3; k++) {
        expect(JSON.parse(await createPatternRepository(db).listBySymbolJson(query))).toEqual(await createPatternRepository(ctx.db).listBySymbol(query));
      }
      const kinds = await sql<{ generic_plans: string; custom_plans: string }>`select generic_plans::text, custom_plans::text from pg_prepared_statements where name = 'tickstock_patterns_by_symbol_json'`.execute(db);
      expect(kinds.rows[0]).toEqual({ generic_plans: '3', custom_plans: '0' });
    } finally {
      await db.destroy();
    }
  });

  it('runs as named statements, parsed once per connection and reused', async () => {
    // One connection, so the catalog query below sees the session the reads ran on.
    const db = createDb(ctx.testDb.url, { applicationName: 'db-tests', maxConnections: 1 });
    try {
      for (let k = 0; k < 3; k++) {
        await createPatternRepository(db).listBySymbolJson({ symbol: 'JSON', hours: 1, limit: 100, now });
        await createIndicatorRepository(db).listBySymbolJson({ symbol: 'JSON', hours: 1, limit: 200, now });
        await createIndicatorRepository(db).listBySymbolJson({ symbol: 'JSON', hours: 1, indicatorType: 'RSI', limit: 200, now });
      }
      const prepared = await sql<{ name: string }>`select name from pg_prepared_statements order by name`.execute(db);
      expect(prepared.rows.map((r) => r.name)).toEqual([
        'tickstock_indicators_by_symbol_json',
        'tickstock_indicators_by_symbol_type_json',
        'tickstock_patterns_by_symbol_json',
      ]);
    } finally {
      await db.destroy();
    }
  });
});
