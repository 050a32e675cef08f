// Runs the numbered migrations with Kysely's Migrator. Its lock table serialises concurrent
// runners (two ingest pods starting together), so calling this at every start is safe.
import { Migrator, NO_MIGRATIONS, type Kysely, type MigrationResult } from 'kysely';
import { translateDbError } from './errors';
import { MIGRATIONS } from './migrations';
import { configureRetention, DEFAULT_RETENTION_DAYS, getStorageMode, type StorageMode } from './storage-mode';
import type { Database } from './schema';

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

function createMigrator(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) } });
}

/** Applies every pending migration; returns the names it applied (empty when up to date). */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) throw failure(error, results);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Undoes every migration (tests and local resets only). */
export async function migrateToNothing(db: Kysely<Database>): Promise<void> {
  const { error, results } = await createMigrator(db).migrateTo(NO_MIGRATIONS);
  if (error) throw failure(error, results);
}

export type PreparedStorage = { applied: string[]; mode: StorageMode; retentionDays: number };

/** What a service runs at start: migrations, then the retention setting (INTRADAY_RETENTION_DAYS). */
export async function prepareStorage(
  db: Kysely<Database>,
  opts: { retentionDays?: number } = {},
): Promise<PreparedStorage> {
  const retentionDays = opts.retentionDays ?? DEFAULT_RETENTION_DAYS;
  const applied = await migrateToLatest(db);
  await configureRetention(db, retentionDays);
  return { applied, mode: await getStorageMode(db), retentionDays };
}

function failure(error: unknown, results: MigrationResult[] | undefined): unknown {
  const translated = translateDbError(error);
  if (translated !== error) return translated; // the server was unreachable: 503-style, not a bad migration
  const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
  const detail = error instanceof Error ? error.message : String(error);
  return new MigrationError(`migration ${failed} failed: ${detail}`, { cause: error });
}
