// What PostgreSQL holds, as `table:id` keys comparable with the tap's (tap.ts, storedKey), and
// the comparison: missing (accepted, never stored) and unexpected (stored, never accepted).
import { createDb, type Db } from '@tickstock/db';

export async function storedKeys(databaseUrl: string): Promise<Set<string>> {
  const db: Db = createDb(databaseUrl, { maxConnections: 2 });
  try {
    const keys = new Set<string>();
    const add = (table: string, rows: { id: string }[]) => rows.forEach((r) => keys.add(`${table}:${r.id}`));
    add('intraday_patterns', await db.selectFrom('intraday_patterns').select('id').execute());
    add('intraday_indicators', await db.selectFrom('intraday_indicators').select('id').execute());
    add('alerts', await db.selectFrom('alerts').select('id').execute());
    add('streaming_health', await db.selectFrom('streaming_health').select('id').execute());
    add('producer_events', await db.selectFrom('producer_events').select('id').execute());
    add('streaming_sessions', (await db.selectFrom('streaming_sessions').select('session_id').execute()).map((r) => ({ id: r.session_id })));
    return keys;
  } finally {
    await db.destroy();
  }
}

export type StoreDiff = { expected: number; stored: number; missing: string[]; unexpected: string[] };

export function diffKeys(expected: ReadonlySet<string>, stored: ReadonlySet<string>): StoreDiff {
  return {
    expected: expected.size,
    stored: stored.size,
    missing: [...expected].filter((k) => !stored.has(k)),
    unexpected: [...stored].filter((k) => !expected.has(k)),
  };
}
