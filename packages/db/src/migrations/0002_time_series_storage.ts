// Where TimescaleDB can be used, the time-series tables become hypertables; where it cannot,
// they stay plain indexed tables that answer the same queries. Either way the choice is recorded
// (tickstock_meta.storage_mode) so retention and operators know which mode is active.
import { sql, type Kysely } from 'kysely';
import { canUseTimescale, detectTimescale } from '../storage-mode';

// Queries read at most 24 hours and retention is counted in days: 6-hour chunks keep a window
// query on one or two chunks, and retention drops data at most 6 hours late.
const CHUNK_INTERVAL = '6 hours';
const TABLES = ['intraday_patterns', 'intraday_indicators', 'alerts', 'streaming_health'];

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe the schema at their point in history */
export async function up(db: Kysely<any>): Promise<void> {
  const timescale = canUseTimescale(await detectTimescale(db));
  if (timescale) {
    await sql`create extension if not exists timescaledb`.execute(db);
    // Converting tables that already hold rows (migrate_data) may take longer than a query may.
    await sql`set local statement_timeout = 0`.execute(db);
    for (const table of TABLES) {
      // Our indexes already lead with "timestamp", so Timescale's default time index would be a duplicate.
      await sql`select create_hypertable(${table}::regclass, by_range('timestamp', ${CHUNK_INTERVAL}::interval),
        create_default_indexes => false, if_not_exists => true, migrate_data => true)`.execute(db);
    }
  }
  const mode = timescale ? 'timescale' : 'plain';
  await db
    .insertInto('tickstock_meta')
    .values({ key: 'storage_mode', value: mode })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: mode, updated_at: sql`now()` }))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // A hypertable cannot be turned back into a plain table in place; 0001's down drops them all.
  await db.deleteFrom('tickstock_meta').where('key', '=', 'storage_mode').execute();
}
