// The statements the query service's repositories send (packages/db/src/repositories), for the pg
// floor and the plans. The per-symbol history reads come from @tickstock/db itself — the same
// named prepared statements, the same text, the same parameter order — so the floor sends exactly
// what the service sends; the summary's four are written out (the service runs them unnamed).
import { createDb, indicatorsJsonStatement, patternsJsonStatement, type PreparedStatement } from '@tickstock/db';
import type pg from 'pg';

// Only compiles: a pool that is never asked for a connection never opens one.
const offline = createDb('postgres://offline@127.0.0.1:1/none');

/** listBySymbolJson: PostgreSQL builds the response body (a JSON array text) the service sends as is. */
export const PATTERNS = patternsJsonStatement(offline);
export const INDICATORS = indicatorsJsonStatement(offline);

/** summary.repository.ts runs these four side by side (window start as $1). */
export const SUMMARY_SQL = [
  `select "pattern_type", count(*)::int as "n" from "intraday_patterns" where "timestamp" >= $1 group by "pattern_type" order by "pattern_type"`,
  `select count(*)::int as "n" from "intraday_indicators" where "timestamp" >= $1`,
  `select count(*)::int as "n" from "alerts" where "timestamp" >= $1`,
  `select "e"."symbol", count(*)::int as "events" from (select "symbol" from "intraday_patterns" where "timestamp" >= $1
     union all select "symbol" from "intraday_indicators" where "timestamp" >= $1
     union all select "symbol" from "alerts" where "timestamp" >= $1 and "symbol" is not null) as "e"
   group by "e"."symbol" order by "events" desc, "e"."symbol" asc limit $2`,
] as const;

export const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

/** A statement by name through pg, as packages/db/src/prepared.ts runs it on the service's pool. */
export function queryNamed<A extends Record<string, unknown>>(pool: pg.Pool | pg.Client, statement: PreparedStatement<A>, args: A) {
  return pool.query({ name: statement.name, text: statement.text, values: statement.values(args) });
}
