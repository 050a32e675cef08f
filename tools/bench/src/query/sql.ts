// The statements the query service's repositories send (packages/db/src/repositories), written
// out for the pg floor and the EXPLAIN output. Parameters: symbol, window start, limit.
export const PATTERNS_SQL = `select * from "intraday_patterns" where "symbol" = $1 and "timestamp" >= $2 order by "timestamp" desc, "id" desc limit $3`;

export const INDICATORS_SQL = `select * from "intraday_indicators" where "symbol" = $1 and "timestamp" >= $2 order by "timestamp" desc, "id" desc limit $3`;

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
