// What PostgreSQL holds, as `table:id` keys comparable with the tap's (tap.ts, storedKey), and
// the comparison: missing (accepted, never stored) and unexpected (stored, never accepted).
import { createDb, type Db } from '@tickstock/db';

/** Every stored row as `table:id` → the event's own timestamp (epoch ms: when the producer made it). */
export async function storedKeys(databaseUrl: string): Promise<Map<string, number>> {
  const db: Db = createDb(databaseUrl, { maxConnections: 2 });
  try {
    const keys = new Map<string, number>();
    const add = (table: string, rows: { id: string; timestamp: Date | string }[]) => rows.forEach((r) => keys.set(`${table}:${r.id}`, new Date(r.timestamp).getTime()));
    add('intraday_patterns', await db.selectFrom('intraday_patterns').select(['id', 'timestamp']).execute());
    add('intraday_indicators', await db.selectFrom('intraday_indicators').select(['id', 'timestamp']).execute());
    add('alerts', await db.selectFrom('alerts').select(['id', 'timestamp']).execute());
    add('streaming_health', await db.selectFrom('streaming_health').select(['id', 'timestamp']).execute());
    add('producer_events', await db.selectFrom('producer_events').select(['id', 'timestamp']).execute());
    const sessions = await db.selectFrom('streaming_sessions').select(['session_id', 'start_time']).execute();
    add('streaming_sessions', sessions.map((r) => ({ id: r.session_id, timestamp: r.start_time })));
    return keys;
  } finally {
    await db.destroy();
  }
}

export type StoreDiff = { expected: number; stored: number; missing: string[]; unexpected: { key: string; at: number }[] };

export function diffKeys(expected: ReadonlySet<string>, stored: ReadonlyMap<string, number>): StoreDiff {
  return {
    expected: expected.size,
    stored: stored.size,
    missing: [...expected].filter((k) => !stored.has(k)),
    unexpected: [...stored].filter(([k]) => !expected.has(k)).map(([key, at]) => ({ key, at })),
  };
}
