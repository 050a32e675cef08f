import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureRetention, createAlertRepository, createHealthRepository, createIndicatorRepository, createPatternRepository, getStorageMode, pruneOlderThan, TIME_SERIES_TABLES } from '../src';
import { ago, criticalAlert, health, indicator, NO_TIMESCALE, openTestDb, pattern, serverHasTimescale, type DbContext } from './support';

const DAY = 24 * 60;
const ctx: DbContext = await openTestDb(import.meta.url);
const hasTimescale = await serverHasTimescale(ctx.db);

async function count(table: 'intraday_patterns' | 'intraday_indicators' | 'alerts' | 'streaming_health'): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(ctx.db);
  return rows[0]!.n;
}

describe(pruneOlderThan.name, () => {
  const now = new Date();

  beforeAll(async () => {
    // 10 patterns 8 days old, 2 fresh; one old and one fresh row in each other table.
    await createPatternRepository(ctx.db).insertPatterns([
      ...Array.from({ length: 10 }, (_, i) => pattern({ id: `old-${i}`, timestamp: ago(8 * DAY + i, now) })),
      pattern({ id: 'fresh-1', timestamp: ago(5, now) }),
      pattern({ id: 'fresh-2', timestamp: ago(6 * DAY, now) }),
    ]);
    await createIndicatorRepository(ctx.db).insertIndicators([indicator({ id: 'old', timestamp: ago(9 * DAY, now) }), indicator({ id: 'fresh', timestamp: ago(1, now) })]);
    await createAlertRepository(ctx.db).insertAlerts([criticalAlert({ id: 'old', timestamp: ago(9 * DAY, now) }), criticalAlert({ id: 'fresh', timestamp: ago(1, now) })]);
    await createHealthRepository(ctx.db).insertHealth([health({ timestamp: ago(9 * DAY, now) }), health({ timestamp: ago(1, now) })]);
  });
  afterAll(() => ctx.close());

  it.skipIf(hasTimescale)('plain mode: deletes rows older than the cutoff in batches, keeps the rest', async () => {
    expect(await getStorageMode(ctx.db)).toBe('plain');

    const result = await pruneOlderThan(ctx.db, 7, { batchSize: 3, now });

    expect(result).toMatchObject({
      mode: 'plain',
      unit: 'rows',
      removed: { intraday_patterns: 10, intraday_indicators: 1, alerts: 1, streaming_health: 1 },
    });
    expect(await count('intraday_patterns')).toBe(2);
    expect(await count('intraday_indicators')).toBe(1);
    expect(await count('alerts')).toBe(1);
    expect(await count('streaming_health')).toBe(1);
  });

  it.skipIf(hasTimescale)('plain mode: a second run finds nothing more to delete', async () => {
    const result = await pruneOlderThan(ctx.db, 7, { batchSize: 3, now });
    expect(Object.values(result.removed)).toEqual(TIME_SERIES_TABLES.map(() => 0));
  });

  it.skipIf(hasTimescale)('plain mode: configureRetention only records the days (the ingest prunes on a timer)', async () => {
    expect(await configureRetention(ctx.db, 3)).toBe('plain');
    const row = await ctx.db.selectFrom('tickstock_meta').select('value').where('key', '=', 'retention_days').executeTakeFirst();
    expect(row?.value).toBe('3');
  });

  it.skipIf(!hasTimescale)(`timescale mode: drops whole chunks older than the cutoff (${hasTimescale ? 'runs' : NO_TIMESCALE})`, async () => {
    const result = await pruneOlderThan(ctx.db, 7, { now });
    expect(result.mode).toBe('timescale');
    expect(result.unit).toBe('chunks');
    expect(result.removed.intraday_patterns).toBeGreaterThan(0);
    // 6-hour chunks: everything 8+ days old sits in chunks wholly before the 7-day cutoff.
    expect(await count('intraday_patterns')).toBe(2);
    expect(await count('intraday_indicators')).toBe(1);
  });

  it.skipIf(!hasTimescale)(`timescale mode: configureRetention sets one retention policy per hypertable (${hasTimescale ? 'runs' : NO_TIMESCALE})`, async () => {
    expect(await configureRetention(ctx.db, 3)).toBe('timescale');
    expect(await configureRetention(ctx.db, 5)).toBe('timescale'); // again, with another value: replaced, not added
    const { rows } = await sql<{ hypertable_name: string; drop_after: string }>`
      select hypertable_name, config->>'drop_after' as drop_after
      from timescaledb_information.jobs where proc_name = 'policy_retention' order by hypertable_name`.execute(ctx.db);
    expect(rows).toEqual(
      ['alerts', 'intraday_indicators', 'intraday_patterns', 'streaming_health'].map((t) => ({ hypertable_name: t, drop_after: '5 days' })),
    );
  });

  it('refuses a retention of zero or negative days', async () => {
    await expect(pruneOlderThan(ctx.db, 0)).rejects.toBeInstanceOf(RangeError);
    await expect(configureRetention(ctx.db, 0)).rejects.toBeInstanceOf(RangeError);
  });
});
