// The `tickstock.events.*` family, stored whole (the fanout already sent it as it came).
import type { EventOf } from '@tickstock/contracts';
import type { Kysely } from 'kysely';
import { translated } from '../errors';
import type { Database } from '../schema';
import { chunked, countOf, json } from './rows';

export type ProducerEvent =
  | EventOf<'envelope_pattern'>
  | EventOf<'backtest_progress'>
  | EventOf<'backtest_result'>
  | EventOf<'system_health'>;

export type ProducerEventRepository = {
  /** One multi-row INSERT ... ON CONFLICT DO NOTHING; returns how many were new. */
  insertEvents(events: readonly ProducerEvent[]): Promise<number>;
  /** The newest events of one kind, for operators and tests. */
  latest(kind: ProducerEvent['kind'], limit: number): Promise<ProducerEvent[]>;
};

export function createProducerEventRepository(db: Kysely<Database>): ProducerEventRepository {
  return {
    insertEvents: (events) =>
      translated(async () => {
        let inserted = 0;
        for (const batch of chunked(events)) {
          const rows = batch.map((e) => ({
            id: e.data.id,
            timestamp: e.data.timestamp,
            kind: e.kind,
            symbol: e.kind === 'envelope_pattern' ? e.data.symbol : null,
            data: json(e.data),
          }));
          const result = await db.insertInto('producer_events').values(rows).onConflict((oc) => oc.doNothing()).executeTakeFirst();
          inserted += countOf(result);
        }
        return inserted;
      }),
    latest: (kind, limit) =>
      translated(async () => {
        const rows = await db
          .selectFrom('producer_events')
          .select(['kind', 'data'])
          .where('kind', '=', kind)
          .orderBy('timestamp', 'desc')
          .limit(limit)
          .execute();
        return rows.map((r) => ({ kind: r.kind, data: r.data }) as ProducerEvent);
      }),
  };
}
