// Stored indicator calculations: batched idempotent writes from the ingest, reads for
// GET /streaming/api/indicators/{symbol}?indicator= (CONTRACT.md).
import type { Indicator, IndicatorRecord } from '@tickstock/contracts';
import { sql, type Kysely, type Selectable } from 'kysely';
import { translated } from '../errors';
import { executePrepared, prepareStatement, type PreparedStatement } from '../prepared';
import type { Database, IntradayIndicatorsTable } from '../schema';
import { jsonArrayText, jsonObjectText } from './json-text';
import { chunked, countOf, iso, json, windowStart } from './rows';

export type IndicatorQuery = {
  symbol: string;
  hours: number;
  /** Exact indicator_type (e.g. `SMA5`); all types when absent. */
  indicatorType?: string | undefined;
  limit: number;
  now?: Date;
};

export type IndicatorRepository = {
  /** One multi-row INSERT ... ON CONFLICT DO NOTHING; returns how many were new. */
  insertIndicators(indicators: readonly Indicator[]): Promise<number>;
  /** The symbol's indicators of the last `hours`, newest first, at most `limit`. */
  listBySymbol(query: IndicatorQuery): Promise<IndicatorRecord[]>;
  /** The same records as JSON array text built by PostgreSQL (see PatternRepository.listBySymbolJson). */
  listBySymbolJson(query: IndicatorQuery): Promise<string>;
};

export type IndicatorJsonArgs = { symbol: string; since: Date; limit: number };

function jsonQuery(db: Kysely<Database>, { symbol, since, limit }: IndicatorJsonArgs, indicatorType?: string) {
  let newest = db
    .selectFrom('intraday_indicators')
    .select(['id', 'indicator_type', 'symbol', 'timestamp', 'value', 'values', 'timeframe', 'metadata', 'session_id'])
    .where('symbol', '=', symbol)
    .where('timestamp', '>=', since);
  if (indicatorType !== undefined) newest = newest.where('indicator_type', '=', indicatorType);
  const limited = newest.orderBy('timestamp', 'desc').orderBy('id', 'desc').limit(limit).as('i');
  // Keys in IndicatorRecord's order; the aggregate keeps the subquery's order only when told.
  const object = jsonObjectText([
    ['id', 'text', sql`i.id`],
    ['indicator_type', 'text', sql`i.indicator_type`],
    ['symbol', 'text', sql`i.symbol`],
    ['timestamp', 'iso', sql`i."timestamp"`],
    ['value', 'numberOrNull', sql`i.value`],
    ['values', 'json', sql`i."values"`],
    ['timeframe', 'text', sql`i.timeframe`],
    ['metadata', 'json', sql`i.metadata`],
    ['session_id', 'textOrNull', sql`i.session_id`],
  ]);
  const body = jsonArrayText(object, sql`i."timestamp" desc, i.id desc`);
  return db.selectFrom(limited).select(body.as('body'));
}

const MARKERS: IndicatorJsonArgs = { symbol: '$symbol', since: new Date(0), limit: -1 };

/**
 * listBySymbolJson's statement without a type filter, compiled once and run by name
 * (prepared.ts); exported so the benchmark's pg floor sends exactly this text.
 */
export function indicatorsJsonStatement(db: Kysely<Database>): PreparedStatement<IndicatorJsonArgs> {
  return prepareStatement('tickstock_indicators_by_symbol_json', MARKERS, (m) => jsonQuery(db, m));
}

function indicatorsOfTypeJsonStatement(db: Kysely<Database>): PreparedStatement<IndicatorJsonArgs & { indicatorType: string }> {
  return prepareStatement('tickstock_indicators_by_symbol_type_json', { ...MARKERS, indicatorType: '$indicatorType' }, (m) => jsonQuery(db, m, m.indicatorType));
}

export function createIndicatorRepository(db: Kysely<Database>): IndicatorRepository {
  const byJson = indicatorsJsonStatement(db);
  const byJsonOfType = indicatorsOfTypeJsonStatement(db);
  return {
    insertIndicators: (indicators) =>
      translated(async () => {
        let inserted = 0;
        for (const batch of chunked(indicators)) {
          const result = await db
            .insertInto('intraday_indicators')
            .values(batch.map(toRow))
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirst();
          inserted += countOf(result);
        }
        return inserted;
      }),

    listBySymbol: ({ symbol, hours, indicatorType, limit, now }) =>
      translated(async () => {
        let query = db
          .selectFrom('intraday_indicators')
          .selectAll()
          .where('symbol', '=', symbol)
          .where('timestamp', '>=', windowStart(hours, now));
        if (indicatorType) query = query.where('indicator_type', '=', indicatorType);
        const rows = await query.orderBy('timestamp', 'desc').orderBy('id', 'desc').limit(limit).execute();
        return rows.map(toRecord);
      }),

    listBySymbolJson: ({ symbol, hours, indicatorType, limit, now }) =>
      translated(async () => {
        const since = windowStart(hours, now);
        const [row] = indicatorType
          ? await executePrepared<{ body: string }, IndicatorJsonArgs & { indicatorType: string }>(db, byJsonOfType, { symbol, since, indicatorType, limit })
          : await executePrepared<{ body: string }, IndicatorJsonArgs>(db, byJson, { symbol, since, limit });
        if (!row) throw new Error('an aggregate without GROUP BY returned no row');
        return row.body;
      }),
  };
}

function toRow(i: Indicator) {
  return {
    id: i.id,
    timestamp: i.timestamp,
    symbol: i.symbol,
    indicator_type: i.indicator_type,
    value: i.value,
    values: json(i.values),
    timeframe: i.timeframe,
    metadata: json(i.metadata),
    session_id: i.session_id,
  };
}

function toRecord(r: Selectable<IntradayIndicatorsTable>): IndicatorRecord {
  return {
    id: r.id,
    indicator_type: r.indicator_type,
    symbol: r.symbol,
    timestamp: iso(r.timestamp),
    value: r.value,
    values: r.values,
    timeframe: r.timeframe,
    metadata: r.metadata,
    session_id: r.session_id,
  };
}
