// Stored pattern detections: batched idempotent writes from the ingest, reads for
// GET /streaming/api/patterns/{symbol} (CONTRACT.md).
import type { Pattern, PatternRecord } from '@tickstock/contracts';
import type { Kysely, Selectable } from 'kysely';
import { translated } from '../errors';
import type { Database, IntradayPatternsTable } from '../schema';
import { chunked, countOf, iso, json, jsonOrNull, windowStart } from './rows';

export type PatternQuery = { symbol: string; hours: number; limit: number; now?: Date };

export type PatternRepository = {
  /** One multi-row INSERT ... ON CONFLICT DO NOTHING; returns how many were new. */
  insertPatterns(patterns: readonly Pattern[]): Promise<number>;
  /** The symbol's patterns of the last `hours`, newest first, at most `limit`. */
  listBySymbol(query: PatternQuery): Promise<PatternRecord[]>;
};

export function createPatternRepository(db: Kysely<Database>): PatternRepository {
  return {
    insertPatterns: (patterns) =>
      translated(async () => {
        let inserted = 0;
        for (const batch of chunked(patterns)) {
          const result = await db
            .insertInto('intraday_patterns')
            .values(batch.map(toRow))
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirst();
          inserted += countOf(result);
        }
        return inserted;
      }),

    listBySymbol: ({ symbol, hours, limit, now }) =>
      translated(async () => {
        const rows = await db
          .selectFrom('intraday_patterns')
          .selectAll()
          .where('symbol', '=', symbol)
          .where('timestamp', '>=', windowStart(hours, now))
          .orderBy('timestamp', 'desc')
          .orderBy('id', 'desc')
          .limit(limit)
          .execute();
        return rows.map(toRecord);
      }),
  };
}

function toRow(p: Pattern) {
  return {
    id: p.id,
    timestamp: p.timestamp,
    symbol: p.symbol,
    pattern_type: p.pattern_type,
    confidence: p.confidence,
    timeframe: p.timeframe,
    parameters: json(p.parameters),
    bar_data: jsonOrNull(p.bar_data),
    metadata: json(p.metadata),
    session_id: p.session_id,
    priority: p.priority,
  };
}

function toRecord(r: Selectable<IntradayPatternsTable>): PatternRecord {
  return {
    id: r.id,
    pattern_type: r.pattern_type,
    symbol: r.symbol,
    timestamp: iso(r.timestamp),
    confidence: r.confidence,
    parameters: r.parameters,
    timeframe: r.timeframe,
    bar_data: r.bar_data,
    metadata: r.metadata,
    session_id: r.session_id,
  };
}
