// Retention for the time-series tables, run by the ingest on a timer (INTRADAY_RETENTION_DAYS).
// Plain PostgreSQL: rows older than the cutoff are deleted in batches, each its own short
// statement, so a large backlog never holds locks or bloats one transaction. TimescaleDB: whole
// chunks older than the cutoff are dropped (what its retention policy does on its own schedule),
// which frees space at once instead of leaving dead rows for vacuum.
import { sql, type Kysely } from 'kysely';
import { translated } from './errors';
import { getStorageMode, type StorageMode } from './storage-mode';
import { TIME_SERIES_TABLES, type Database, type TimeSeriesTable } from './schema';

export type PruneOptions = {
  /** Rows per DELETE statement in plain mode. */
  batchSize?: number;
  now?: Date;
};

export type PruneResult = {
  mode: StorageMode;
  cutoff: string;
  /** Plain mode: rows deleted per table. Timescale mode: chunks dropped per table. */
  removed: Record<TimeSeriesTable, number>;
  unit: 'rows' | 'chunks';
};

export const DEFAULT_PRUNE_BATCH = 5_000;

export async function pruneOlderThan(db: Kysely<Database>, days: number, opts: PruneOptions = {}): Promise<PruneResult> {
  if (!(days > 0)) throw new RangeError(`retention days must be > 0, got ${days}`);
  const batchSize = opts.batchSize ?? DEFAULT_PRUNE_BATCH;
  const cutoff = new Date((opts.now ?? new Date()).getTime() - days * 86_400_000);
  return translated(async () => {
    const mode = await getStorageMode(db);
    const removed = {} as Record<TimeSeriesTable, number>;
    for (const table of TIME_SERIES_TABLES) {
      removed[table] = mode === 'timescale' ? await dropChunks(db, table, cutoff) : await deleteInBatches(db, table, cutoff, batchSize);
    }
    return { mode, cutoff: cutoff.toISOString(), removed, unit: mode === 'timescale' ? 'chunks' : 'rows' };
  });
}

// `table` comes from TIME_SERIES_TABLES, never from input; sql.table quotes it all the same.
async function deleteInBatches(db: Kysely<Database>, table: TimeSeriesTable, cutoff: Date, batchSize: number): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await sql`
      delete from ${sql.table(table)}
      where (id, "timestamp") in (
        select id, "timestamp" from ${sql.table(table)} where "timestamp" < ${cutoff} limit ${batchSize}
      )`.execute(db);
    const deleted = Number(result.numAffectedRows ?? 0n);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}

async function dropChunks(db: Kysely<Database>, table: TimeSeriesTable, cutoff: Date): Promise<number> {
  const { rows } = await sql<{ chunk: string }>`select drop_chunks(${table}::regclass, older_than => ${cutoff}::timestamptz) as chunk`.execute(db);
  return rows.length;
}
