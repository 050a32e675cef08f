// Small conversions shared by the repositories, between the normalized events' wire shapes and
// what pg reads and writes.

/** CONTRACT.md: timestamps are UTC ISO 8601 with milliseconds. pg gives timestamptz as a Date. */
export function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : iso(value);
}

/**
 * SQL for a timestamptz as CONTRACT.md writes it (UTC ISO 8601, milliseconds, `Z`), the same
 * text iso() makes of the Date pg would hand back: for reads that build their JSON in PostgreSQL.
 */
export const ISO_SQL_FORMAT = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** jsonb parameter: stringified here, because pg would send a JS array as a PostgreSQL array. */
export function json(value: unknown): string {
  return JSON.stringify(value ?? {});
}

export function jsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/**
 * Start of the "last N hours" window; reads take `timestamp >= start` with no upper bound, so a
 * producer clock slightly ahead of ours never hides fresh events. `now` is injectable for tests.
 */
export function windowStart(hours: number, now: Date = new Date()): Date {
  return new Date(now.getTime() - hours * 3_600_000);
}

// PostgreSQL takes at most 65535 bind parameters per statement; ingest batches are far smaller
// (STREAMING_MAX_BATCH_SIZE), so this only splits a caller's unusually large array.
export const MAX_ROWS_PER_INSERT = 1_000;

export function chunked<T>(items: readonly T[], size = MAX_ROWS_PER_INSERT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** rowCount of an INSERT ... ON CONFLICT DO NOTHING: the rows that were new. */
export function countOf(result: { numInsertedOrUpdatedRows?: bigint | undefined }): number {
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
