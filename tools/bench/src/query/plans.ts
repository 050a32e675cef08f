// The plans PostgreSQL chose for the benchmarked statements, measured (EXPLAIN ANALYZE, BUFFERS).
import type pg from 'pg';
import { hoursAgo, INDICATORS_SQL, PATTERNS_SQL, SUMMARY_SQL } from './sql';

async function explain(pool: pg.Pool, sql: string, params: unknown[]): Promise<string> {
  const result = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sql}`, params);
  return result.rows.map((r) => r['QUERY PLAN']).join('\n');
}

export async function explainAll(pool: pg.Pool, symbol: string): Promise<Record<string, string>> {
  const since24 = hoursAgo(24);
  const [distribution, indicators, alerts, top] = SUMMARY_SQL;
  return {
    [`patterns ${symbol} 24 h limit 100`]: await explain(pool, PATTERNS_SQL, [symbol, since24, 100]),
    [`indicators ${symbol} 1 h limit 200`]: await explain(pool, INDICATORS_SQL, [symbol, hoursAgo(1), 200]),
    'summary 24 h: pattern distribution': await explain(pool, distribution, [since24]),
    'summary 24 h: indicator count': await explain(pool, indicators, [since24]),
    'summary 24 h: alert count': await explain(pool, alerts, [since24]),
    'summary 24 h: top symbols': await explain(pool, top, [since24, 10]),
  };
}
