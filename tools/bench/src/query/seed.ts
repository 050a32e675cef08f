// Seeds the query benchmark's data set straight into PostgreSQL with generate_series (issue 4:
// 2,000,000 patterns and 10,000,000 indicators over 500 symbols and 7 days, plus some alerts so
// the summary counts all three tables). Secondary indexes and primary keys are dropped during
// the load and rebuilt after it (one sorted build beats millions of B-tree inserts), then
// VACUUM ANALYZE sets the visibility map (index-only scans) and the planner's statistics; a
// CHECKPOINT writes it all out before anything is measured.
import type pg from 'pg';

export type SeedSize = { patterns: number; indicators: number; alerts: number; symbols: number; days: number };

export const FULL_SIZE: SeedSize = { patterns: 2_000_000, indicators: 10_000_000, alerts: 50_000, symbols: 500, days: 7 };

export function scaled(size: SeedSize, scale: number): SeedSize {
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  return { ...size, patterns: n(size.patterns), indicators: n(size.indicators), alerts: n(size.alerts) };
}

/** `S000` … `S499`: symbols that pass the contract's pattern. */
export const symbolName = (i: number) => `S${String(i).padStart(3, '0')}`;

const TABLES = ['intraday_patterns', 'intraday_indicators', 'alerts'] as const;

// Row i is i·(span/n) before `now`, for symbol i mod 500: every symbol's rows spread evenly over
// the days, the newest at `now`. Types cycle out of step with symbols so each symbol gets all.
const SYMBOL = (symbols: number) => `'S' || lpad((i % ${symbols})::text, 3, '0')`;
const AT = (n: number, days: number) => `$1::timestamptz - (i::float8 * ${(days * 86_400_000) / n}) * interval '1 millisecond'`;

function patternSql(size: SeedSize, from: number, to: number): string {
  return `insert into intraday_patterns (id, "timestamp", symbol, pattern_type, confidence, timeframe, parameters, bar_data, metadata, session_id, priority)
    select 'p' || i, ${AT(size.patterns, size.days)}, ${SYMBOL(size.symbols)},
      (array['Doji','Hammer','ShootingStar','Engulfing','MorningStar','EveningStar','Harami','PiercingLine','DarkCloudCover','ThreeWhiteSoldiers'])[1 + ((i / ${size.symbols}) % 10)],
      0.5 + (i % 50) / 100.0, '1min',
      jsonb_build_object('period', 14, 'threshold', 0.02),
      jsonb_build_object('open', 100 + i % 7, 'high', 101 + i % 7, 'low', 99 + i % 7, 'close', 100.5 + i % 7, 'volume', 1000 + i % 1000),
      '{"source":"bench"}'::jsonb, 'bench-session', case when i % 50 >= 30 then 'high' else 'normal' end
    from generate_series(${from}, ${to - 1}) as i`;
}

function indicatorSql(size: SeedSize, from: number, to: number): string {
  return `insert into intraday_indicators (id, "timestamp", symbol, indicator_type, value, "values", timeframe, metadata, session_id)
    select 'i' || i, ${AT(size.indicators, size.days)}, ${SYMBOL(size.symbols)},
      (array['SMA5','SMA20','RSI','MACD','BollingerBands'])[1 + ((i / ${size.symbols}) % 5)],
      50 + (i % 1000) / 20.0, jsonb_build_object('value', 50 + (i % 1000) / 20.0), '1min', '{}'::jsonb, 'bench-session'
    from generate_series(${from}, ${to - 1}) as i`;
}

function alertSql(size: SeedSize): string {
  return `insert into alerts (id, "timestamp", kind, alert_type, symbol, severity, message, alert_data, session_id)
    select 'a' || i, ${AT(size.alerts, size.days)}, 'indicator',
      (array['RSI_OVERBOUGHT','RSI_OVERSOLD','MACD_BULLISH_CROSS','BB_UPPER_BREAK'])[1 + (i % 4)], ${SYMBOL(size.symbols)},
      'warning', null, jsonb_build_object('value', i % 100), 'bench-session'
    from generate_series(0, ${size.alerts - 1}) as i`;
}

/** Splits [0, n) into `parts` ranges, so two connections load side by side (two cores here). */
function ranges(n: number, parts: number): [number, number][] {
  const step = Math.ceil(n / parts);
  return Array.from({ length: parts }, (_, k) => [k * step, Math.min(n, (k + 1) * step)] as [number, number]).filter(([a, b]) => a < b);
}

export type SeedTimings = { loadMs: number; indexMs: number; vacuumMs: number; totalMs: number };

export async function seed(clients: readonly pg.Client[], size: SeedSize, now: Date, log: (line: string) => void): Promise<SeedTimings> {
  const [main] = clients;
  if (!main) throw new Error('seed needs at least one client');
  const started = Date.now();
  await main.query(`truncate ${TABLES.join(', ')}`);
  const rebuild = await dropIndexes(main);

  const jobs = [
    ...ranges(size.patterns, 2).map(([a, b]) => patternSql(size, a, b)),
    ...ranges(size.indicators, 6).map(([a, b]) => indicatorSql(size, a, b)),
    alertSql(size),
  ];
  let next = 0;
  await Promise.all(
    clients.map(async (client) => {
      while (next < jobs.length) {
        const k = next++;
        await client.query(jobs[k]!, [now]);
        log(`  loaded part ${k + 1}/${jobs.length}`);
      }
    }),
  );
  const loaded = Date.now();
  log(`  rows loaded in ${((loaded - started) / 1000).toFixed(1)} s; rebuilding ${rebuild.length} indexes`);

  let nextIndex = 0;
  await Promise.all(
    clients.map(async (client) => {
      await client.query(`set maintenance_work_mem = '1GB'`);
      while (nextIndex < rebuild.length) await client.query(rebuild[nextIndex++]!);
    }),
  );
  const indexed = Date.now();
  log(`  indexes built in ${((indexed - loaded) / 1000).toFixed(1)} s; vacuum analyze, checkpoint`);
  await Promise.all(TABLES.map((t, k) => clients[k % clients.length]!.query(`vacuum (analyze) ${t}`)));
  // Write the load's dirty pages out now, not under the measurements that follow (the checkpointer
  // would otherwise spread them over the next minutes).
  await main.query('checkpoint');
  const done = Date.now();
  return { loadMs: loaded - started, indexMs: indexed - loaded, vacuumMs: done - indexed, totalMs: done - started };
}

/** Drops the three tables' indexes and primary keys; returns the statements that rebuild them. */
async function dropIndexes(client: pg.Client): Promise<string[]> {
  const pkeys = await client.query<{ table: string; name: string; def: string }>(
    `select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as def
       from pg_constraint where contype = 'p' and conrelid::regclass::text = any($1)`,
    [TABLES],
  );
  const indexes = await client.query<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes
      where schemaname = 'public' and tablename = any($1) and indexname not in (select conname from pg_constraint where contype = 'p')`,
    [TABLES],
  );
  for (const i of indexes.rows) await client.query(`drop index ${i.name}`);
  for (const p of pkeys.rows) await client.query(`alter table ${p.table} drop constraint ${p.name}`);
  return [...pkeys.rows.map((p) => `alter table ${p.table} add constraint ${p.name} ${p.def}`), ...indexes.rows.map((i) => i.def)];
}

export async function tableCounts(client: pg.Client): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await client.query<{ n: string }>(`select count(*) as n from ${t}`)).rows[0]?.n ?? 0);
  return out;
}
