// The plans PostgreSQL chose for the benchmarked statements, measured (ANALYZE, BUFFERS).
// The history reads run as named prepared statements, whose plan may differ from a one-off
// EXPLAIN's: after five executions PostgreSQL may switch a statement to a generic plan. So those
// are run by name, on a connection set up as the service's (plan_cache_mode=force_generic_plan: one
// plan per connection, see packages/db create-db.ts), as the service runs them, with auto_explain reporting the plan of the last run
// (LOG messages sent to this client), and pg_prepared_statements saying which kind it was.
import { GENERIC_PLANS_STARTUP_OPTION } from '@tickstock/db';
import pg from 'pg';
import { hoursAgo, INDICATORS, PATTERNS, queryNamed, SUMMARY_SQL } from './sql';

async function explain(pool: pg.Pool, sql: string, params: unknown[]): Promise<string> {
  const result = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sql}`, params);
  return result.rows.map((r) => r['QUERY PLAN']).join('\n');
}

/** Runs `run` seven times on one connection (past the five custom plans) and returns the last plan. */
async function explainNamed(url: string, name: string, run: (client: pg.Client, k: number) => Promise<unknown>): Promise<string> {
  // Connected as the service connects (genericPlans): the plan shown is the one it runs.
  const client = new pg.Client({ connectionString: url, options: GENERIC_PLANS_STARTUP_OPTION });
  await client.connect();
  const logged: string[] = [];
  client.on('notice', (n) => logged.push(n.message ?? ''));
  try {
    await client.query(`load 'auto_explain'`);
    for (const setting of ['auto_explain.log_min_duration = 0', 'auto_explain.log_analyze = on', 'auto_explain.log_buffers = on', 'client_min_messages = log']) {
      await client.query(`set ${setting}`);
    }
    for (let k = 0; k < 7; k++) await run(client, k);
    await client.query('set client_min_messages = notice');
    const kinds = await client.query<{ generic_plans: string; custom_plans: string }>(
      'select generic_plans, custom_plans from pg_prepared_statements where name = $1',
      [name],
    );
    const plan = (logged.at(-1) ?? '(no plan logged)').replace(/Query Text:[\s\S]*?\n(?=\S+ {2}\(cost)/, '');
    const k = kinds.rows[0];
    return `named statement ${name}: ${k?.custom_plans ?? '?'} custom plans, ${k?.generic_plans ?? '?'} generic plans so far; the last run:\n${plan}`;
  } finally {
    await client.end();
  }
}

export async function explainAll(pool: pg.Pool, url: string, symbol: (k: number) => string): Promise<Record<string, string>> {
  const since24 = hoursAgo(24);
  const [distribution, indicators, alerts, top] = SUMMARY_SQL;
  return {
    [`patterns ${symbol(6)} 24 h limit 100`]: await explainNamed(url, PATTERNS.name, (c, k) => queryNamed(c, PATTERNS, { symbol: symbol(k), since: hoursAgo(24), limit: 100 })),
    [`indicators ${symbol(6)} 1 h limit 200`]: await explainNamed(url, INDICATORS.name, (c, k) => queryNamed(c, INDICATORS, { symbol: symbol(k), since: hoursAgo(1), limit: 200 })),
    'summary 24 h: pattern distribution': await explain(pool, distribution, [since24]),
    'summary 24 h: indicator count': await explain(pool, indicators, [since24]),
    'summary 24 h: alert count': await explain(pool, alerts, [since24]),
    'summary 24 h: top symbols': await explain(pool, top, [since24, 10]),
  };
}
