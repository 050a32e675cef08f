// GET /streaming/api/summary: what happened in the last N hours.
// top_symbols counts every stored event that names a symbol — patterns + indicators + alerts
// (critical alerts usually name none and are left out) — most events first, ties by symbol, so
// the list is stable between calls.
import type { SummaryResponse } from '@tickstock/contracts';
import { sql, type Kysely } from 'kysely';
import { translated } from '../errors';
import type { Database } from '../schema';
import { windowStart } from './rows';

export const DEFAULT_TOP_SYMBOLS = 10;

export type SummaryQuery = { hours: number; topSymbols?: number; now?: Date };

export type SummaryRepository = {
  summary(query: SummaryQuery): Promise<SummaryResponse>;
};

export function createSummaryRepository(db: Kysely<Database>): SummaryRepository {
  const count = sql<number>`count(*)::int`;

  return {
    summary: ({ hours, topSymbols = DEFAULT_TOP_SYMBOLS, now }) =>
      translated(async () => {
        const since = windowStart(hours, now);
        // Four independent index scans, run side by side on the pool rather than one after another.
        const [distribution, indicators, alerts, top] = await Promise.all([
          db
            .selectFrom('intraday_patterns')
            .select(['pattern_type', count.as('n')])
            .where('timestamp', '>=', since)
            .groupBy('pattern_type')
            .orderBy('pattern_type')
            .execute(),
          db.selectFrom('intraday_indicators').select(count.as('n')).where('timestamp', '>=', since).executeTakeFirstOrThrow(),
          db.selectFrom('alerts').select(count.as('n')).where('timestamp', '>=', since).executeTakeFirstOrThrow(),
          db
            .selectFrom((eb) =>
              eb
                .selectFrom('intraday_patterns')
                .select('symbol')
                .where('timestamp', '>=', since)
                .unionAll(eb.selectFrom('intraday_indicators').select('symbol').where('timestamp', '>=', since))
                .unionAll(
                  eb
                    .selectFrom('alerts')
                    .select((e) => e.ref('symbol').$notNull().as('symbol'))
                    .where('timestamp', '>=', since)
                    .where('symbol', 'is not', null),
                )
                .as('e'),
            )
            .select(['e.symbol', count.as('events')])
            .groupBy('e.symbol')
            .orderBy('events', 'desc')
            .orderBy('e.symbol', 'asc')
            .limit(topSymbols)
            .execute(),
        ]);

        const pattern_distribution: Record<string, number> = {};
        let total_patterns = 0;
        for (const row of distribution) {
          pattern_distribution[row.pattern_type] = row.n;
          total_patterns += row.n;
        }
        return {
          window_hours: hours,
          pattern_distribution,
          top_symbols: top.map((r) => ({ symbol: r.symbol, events: r.events })),
          total_patterns,
          total_indicators: indicators.n,
          total_alerts: alerts.n,
        };
      }),
  };
}
