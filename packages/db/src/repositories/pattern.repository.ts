// Stored pattern detections: batched idempotent writes from the ingest, reads for
// GET /streaming/api/patterns/{symbol} (CONTRACT.md).
import type { Pattern, PatternRecord } from '@tickstock/contracts';
import { sql, type Kysely, type Selectable } from 'kysely';
import { translated } from '../errors';
import { executePrepared, prepareStatement, type PreparedStatement } from '../prepared';
import type { Database, IntradayPatternsTable } from '../schema';
import { jsonArrayText, jsonObjectText } from './json-text';
import { chunked, countOf, iso, json, jsonOrNull, windowStart } from './rows';

export type PatternQuery = { symbol: string; hours: number; limit: number; now?: Date };

export type PatternRepository = {
  /** One multi-row INSERT ... ON CONFLICT DO NOTHING; returns how many were new. */
  insertPatterns(patterns: readonly Pattern[]): Promise<number>;
  /** The symbol's patterns of the last `hours`, newest first, at most `limit`. */
  listBySymbol(query: PatternQuery): Promise<PatternRecord[]>;
  /**
   * The same records as listBySymbol, as the JSON array text a response body carries, built by
   * PostgreSQL: the query service sends it as is, skipping a parse and a serialization of every
   * row (most of its CPU per request at 1,000 requests/s, tools/bench/src/query.bench.ts).
   */
  listBySymbolJson(query: PatternQuery): Promise<string>;
};

export type PatternJsonArgs = { symbol: string; since: Date; limit: number };

/**
 * listBySymbolJson's statement, compiled once and run by name (prepared.ts); exported so the
 * benchmark's pg floor sends exactly this text.
 */
export function patternsJsonStatement(db: Kysely<Database>): PreparedStatement<PatternJsonArgs> {
  return prepareStatement<PatternJsonArgs>('tickstock_patterns_by_symbol_json', { symbol: '$symbol', since: new Date(0), limit: -1 }, ({ symbol, since, limit }) => {
    const newest = db
      .selectFrom('intraday_patterns')
      .select(['id', 'pattern_type', 'symbol', 'timestamp', 'confidence', 'parameters', 'timeframe', 'bar_data', 'metadata', 'session_id'])
      .where('symbol', '=', symbol)
      .where('timestamp', '>=', since)
      .orderBy('timestamp', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .as('p');
    // Keys in PatternRecord's order; the aggregate keeps the subquery's order only when told.
    const object = jsonObjectText([
      ['id', 'text', sql`p.id`],
      ['pattern_type', 'text', sql`p.pattern_type`],
      ['symbol', 'text', sql`p.symbol`],
      ['timestamp', 'iso', sql`p."timestamp"`],
      ['confidence', 'number', sql`p.confidence`],
      ['parameters', 'json', sql`p.parameters`],
      ['timeframe', 'text', sql`p.timeframe`],
      ['bar_data', 'jsonOrNull', sql`p.bar_data`],
      ['metadata', 'json', sql`p.metadata`],
      ['session_id', 'textOrNull', sql`p.session_id`],
    ]);
    const body = jsonArrayText(object, sql`p."timestamp" desc, p.id desc`);
    return db.selectFrom(newest).select(body.as('body'));
  });
}

export function createPatternRepository(db: Kysely<Database>): PatternRepository {
  const byJson = patternsJsonStatement(db);
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

    listBySymbolJson: ({ symbol, hours, limit, now }) =>
      translated(async () => {
        const [row] = await executePrepared<{ body: string }, PatternJsonArgs>(db, byJson, { symbol, since: windowStart(hours, now), limit });
        if (!row) throw new Error('an aggregate without GROUP BY returned no row');
        return row.body;
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
