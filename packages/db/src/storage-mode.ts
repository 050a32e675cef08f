// Which storage this database uses for the time-series tables, decided once by migration 0002
// and recorded in tickstock_meta: 'timescale' (hypertables + a retention policy) where the
// extension can be used, 'plain' (indexed tables + pruneOlderThan) everywhere else.
import { sql, type Kysely } from 'kysely';
import { translated } from './errors';
import { TIME_SERIES_TABLES, type Database } from './schema';

export type StorageMode = 'timescale' | 'plain';

export const STORAGE_MODE_KEY = 'storage_mode';
export const RETENTION_DAYS_KEY = 'retention_days';
export const DEFAULT_RETENTION_DAYS = 7;

export type TimescaleSupport = {
  /** The server has the extension's files (pg_available_extensions). */
  available: boolean;
  /** The library is in shared_preload_libraries, without which CREATE EXTENSION fails. */
  preloaded: boolean;
  /** This database already has it. */
  installed: boolean;
};

/* eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations call this with Kysely<any> */
export async function detectTimescale(db: Kysely<any>): Promise<TimescaleSupport> {
  const { rows } = await sql<TimescaleSupport>`
    select
      exists (select 1 from pg_available_extensions where name = 'timescaledb') as available,
      coalesce(current_setting('shared_preload_libraries', true), '') like '%timescaledb%' as preloaded,
      exists (select 1 from pg_extension where extname = 'timescaledb') as installed`.execute(db);
  return rows[0] ?? { available: false, preloaded: false, installed: false };
}

export function canUseTimescale(s: TimescaleSupport): boolean {
  return s.installed || (s.available && s.preloaded);
}

/** The mode migration 0002 recorded (call after migrating: before, tickstock_meta does not exist). */
export async function getStorageMode(db: Kysely<Database>): Promise<StorageMode> {
  const row = await translated(() =>
    db.selectFrom('tickstock_meta').select('value').where('key', '=', STORAGE_MODE_KEY).executeTakeFirst(),
  );
  return row?.value === 'timescale' ? 'timescale' : 'plain';
}

export async function setMeta(db: Kysely<Database>, key: string, value: string): Promise<void> {
  await db
    .insertInto('tickstock_meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: sql<Date>`now()` }))
    .execute();
}

/**
 * Keeps `days` of time-series data. Under TimescaleDB this (re)sets each hypertable's retention
 * policy (the server's job scheduler drops whole chunks); in plain mode it only records the number,
 * and the ingest runs pruneOlderThan(days) on a timer. Safe to call at every start.
 */
export async function configureRetention(db: Kysely<Database>, days: number): Promise<StorageMode> {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`retention days must be an integer >= 1, got ${days}`);
  return translated(async () => {
    const mode = await getStorageMode(db);
    await db.transaction().execute(async (trx) => {
      if (mode === 'timescale') {
        for (const table of TIME_SERIES_TABLES) {
          await sql`select remove_retention_policy(${table}::regclass, if_exists => true)`.execute(trx);
          await sql`select add_retention_policy(${table}::regclass, drop_after => make_interval(days => ${days}::int))`.execute(trx);
        }
      }
      await setMeta(trx, RETENTION_DAYS_KEY, String(days));
    });
    return mode;
  });
}
