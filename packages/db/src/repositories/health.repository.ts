// Producer health snapshots: kept as a time series (pruned like the others), the newest one read
// for GET /streaming/api/status and the WebSocket welcome frame.
import type { Health } from '@tickstock/contracts';
import type { Kysely, Selectable } from 'kysely';
import { translated } from '../errors';
import type { Database, StreamingHealthTable } from '../schema';
import { chunked, countOf, iso, json, jsonOrNull } from './rows';

export type HealthRepository = {
  /** One multi-row INSERT ... ON CONFLICT DO NOTHING; returns how many were new. */
  insertHealth(health: readonly Health[]): Promise<number>;
  /** The newest snapshot by its own timestamp, or null. */
  latest(): Promise<Health | null>;
};

/** Health carries no id; the producer sends one per session per instant, so this identifies it. */
export function healthId(h: Pick<Health, 'session_id' | 'timestamp'>): string {
  return `${h.session_id ?? '-'}@${new Date(h.timestamp).toISOString()}`;
}

export function createHealthRepository(db: Kysely<Database>): HealthRepository {
  return {
    insertHealth: (health) =>
      translated(async () => {
        let inserted = 0;
        for (const batch of chunked(health)) {
          const result = await db
            .insertInto('streaming_health')
            .values(batch.map(toRow))
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirst();
          inserted += countOf(result);
        }
        return inserted;
      }),

    latest: () =>
      translated(async () => {
        const row = await db
          .selectFrom('streaming_health')
          .selectAll()
          .orderBy('timestamp', 'desc')
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirst();
        return row ? toHealth(row) : null;
      }),
  };
}

function toRow(h: Health) {
  return {
    id: healthId(h),
    timestamp: h.timestamp,
    session_id: h.session_id,
    status: h.status,
    active_symbols: h.active_symbols,
    ticks_per_second: h.ticks_per_second,
    patterns_detected: h.patterns_detected,
    indicators_calculated: h.indicators_calculated,
    issues: JSON.stringify(h.issues),
    data_flow: jsonOrNull(h.data_flow),
    resources: jsonOrNull(h.resources),
    connection: jsonOrNull(h.connection),
    extra: json(h.extra),
  };
}

function toHealth(r: Selectable<StreamingHealthTable>): Health {
  return {
    timestamp: iso(r.timestamp),
    session_id: r.session_id,
    status: r.status,
    active_symbols: r.active_symbols,
    ticks_per_second: r.ticks_per_second,
    patterns_detected: r.patterns_detected,
    indicators_calculated: r.indicators_calculated,
    issues: r.issues,
    data_flow: r.data_flow,
    resources: r.resources,
    connection: r.connection,
    extra: r.extra,
  };
}
