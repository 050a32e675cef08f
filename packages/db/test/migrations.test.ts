import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { getStorageMode, migrateToLatest, migrateToNothing, TIME_SERIES_TABLES } from '../src';
import { NO_TIMESCALE, openTestDb, serverHasTimescale, type DbContext } from './support';

const ctx: DbContext = await openTestDb(import.meta.url);
const hasTimescale = await serverHasTimescale(ctx.db);

async function tables(): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_name not like 'kysely_%' order by table_name`.execute(ctx.db);
  return rows.map((r) => r.name);
}

describe(migrateToLatest.name, () => {
  afterAll(() => ctx.close());

  it('has created every table of the schema (the template was migrated)', async () => {
    expect(await tables()).toEqual(['alerts', 'intraday_indicators', 'intraday_patterns', 'producer_events', 'streaming_health', 'streaming_sessions', 'tickstock_meta', 'users']);
  });

  it('applies nothing when already up to date', async () => {
    expect(await migrateToLatest(ctx.db)).toEqual([]);
  });

  it('records the storage mode the server allows', async () => {
    expect(await getStorageMode(ctx.db)).toBe(hasTimescale ? 'timescale' : 'plain');
  });

  it('has the indexes the reads need', async () => {
    const { rows } = await sql<{ indexname: string }>`select indexname from pg_indexes where schemaname = 'public' order by indexname`.execute(ctx.db);
    expect(rows.map((r) => r.indexname)).toEqual(
      expect.arrayContaining([
        'intraday_patterns_symbol_ts_idx',
        'intraday_patterns_ts_type_idx',
        'intraday_indicators_symbol_ts_idx',
        'intraday_indicators_symbol_type_ts_idx',
        'intraday_indicators_ts_symbol_idx',
        'alerts_ts_symbol_idx',
        'alerts_type_ts_idx',
        'alerts_symbol_ts_idx',
        'streaming_health_ts_idx',
        'streaming_sessions_start_idx',
      ]),
    );
  });

  it.skipIf(!hasTimescale)(`timescale: the time-series tables are hypertables (${hasTimescale ? 'runs' : NO_TIMESCALE})`, async () => {
    const { rows } = await sql<{ hypertable_name: string }>`
      select hypertable_name from timescaledb_information.hypertables order by hypertable_name`.execute(ctx.db);
    expect(rows.map((r) => r.hypertable_name)).toEqual([...TIME_SERIES_TABLES].sort());
  });

  it('migrates down to nothing and back up again', async () => {
    await migrateToNothing(ctx.db);
    expect(await tables()).toEqual([]);
    expect(await migrateToLatest(ctx.db)).toEqual(['0001_initial', '0002_time_series_storage', '0003_producer_events']);
    expect(await tables()).toHaveLength(8);
  });
});
