// The statements the query service's repositories send (packages/db/src/repositories), written
// out for the pg floor and the EXPLAIN output. Parameters: symbol, window start, limit.
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** listBySymbolJson: PostgreSQL builds the response body (a JSON array text) the service sends as is. */
export const PATTERNS_SQL = `select coalesce(json_agg(json_build_object(
    'id', p.id, 'pattern_type', p.pattern_type, 'symbol', p.symbol, 'timestamp', to_char(p."timestamp" at time zone 'UTC', ${ISO}),
    'confidence', p.confidence, 'parameters', p.parameters, 'timeframe', p.timeframe, 'bar_data', p.bar_data,
    'metadata', p.metadata, 'session_id', p.session_id) order by p."timestamp" desc, p.id desc), '[]')::text as "body"
  from (select "id", "pattern_type", "symbol", "timestamp", "confidence", "parameters", "timeframe", "bar_data", "metadata", "session_id"
    from "intraday_patterns" where "symbol" = $1 and "timestamp" >= $2 order by "timestamp" desc, "id" desc limit $3) as "p"`;

export const INDICATORS_SQL = `select coalesce(json_agg(json_build_object(
    'id', i.id, 'indicator_type', i.indicator_type, 'symbol', i.symbol, 'timestamp', to_char(i."timestamp" at time zone 'UTC', ${ISO}),
    'value', i.value, 'values', i."values", 'timeframe', i.timeframe, 'metadata', i.metadata, 'session_id', i.session_id)
    order by i."timestamp" desc, i.id desc), '[]')::text as "body"
  from (select "id", "indicator_type", "symbol", "timestamp", "value", "values", "timeframe", "metadata", "session_id"
    from "intraday_indicators" where "symbol" = $1 and "timestamp" >= $2 order by "timestamp" desc, "id" desc limit $3) as "i"`;

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
