// The query benchmark's database: a server (BENCH_DATABASE_URL, or a dedicated throwaway one),
// the `tickstock_bench` database migrated on it, and the seeded rows — reused between runs only
// while they still describe "now". The seed places its newest rows at the moment it ran and the
// service's windows end at its own now, so rows seeded an hour ago leave `indicators?hours=1`
// empty: a run on such data would measure empty answers. Reuse therefore also needs the newest
// row to be younger than BENCH_REUSE_MAX_AGE_MIN (10 min by default; BENCH_RESEED=1 always reseeds).
import { createDb, prepareStorage } from '@tickstock/db';
import { startPostgres, type TestPostgres } from '@tickstock/testing';
import pg from 'pg';
import { seed, tableCounts, type SeedSize, type SeedTimings } from './seed';

export type Seeded = { reused: boolean; reason: string; timings?: SeedTimings; counts: Record<string, number>; newestAgeMinutes?: number };

export async function openServer(): Promise<{ url: string; server?: TestPostgres }> {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL };
  const server = await startPostgres({ dedicated: true });
  // A test server starts with PostgreSQL's small defaults; give it what a database host would.
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  for (const [k, v] of [['shared_buffers', '2GB'], ['work_mem', '64MB'], ['maintenance_work_mem', '1GB'], ['effective_cache_size', '12GB'], ['random_page_cost', '1.1']]) {
    await admin.query(`alter system set ${k} = '${v}'`);
  }
  await admin.end();
  await server.restart!();
  return { url: server.url, server };
}

export async function openDatabase(serverUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const exists = await admin.query(`select 1 from pg_database where datname = 'tickstock_bench'`);
  if (exists.rowCount === 0) await admin.query('create database tickstock_bench');
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = '/tickstock_bench';
  const db = createDb(url.toString(), { statementTimeoutMs: 600_000 });
  await prepareStorage(db);
  await db.destroy();
  return url.toString();
}

const maxAgeMinutes = () => Number(process.env.BENCH_REUSE_MAX_AGE_MIN ?? 10);

export async function seedIfNeeded(url: string, size: SeedSize, log: (line: string) => void): Promise<Seeded> {
  const clients = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
  await Promise.all(clients.map((c) => c.connect()));
  try {
    const before = await tableCounts(clients[0]!);
    const newest = await clients[0]!.query<{ age: number | null }>(
      `select extract(epoch from now() - max("timestamp"))::float8 / 60 as age from intraday_indicators`,
    );
    const age = newest.rows[0]?.age ?? null;
    const counted = before.intraday_patterns === size.patterns && before.intraday_indicators === size.indicators;
    const fresh = age !== null && age <= maxAgeMinutes();
    if (counted && fresh && !process.env.BENCH_RESEED) return { reused: true, reason: 'counts match, newest row fresh', counts: before, newestAgeMinutes: round1(age) };
    const reason = process.env.BENCH_RESEED
      ? 'BENCH_RESEED'
      : !counted
        ? 'row counts differ'
        : `newest row ${round1(age ?? 0)} min old (> ${maxAgeMinutes()}): its windows would be emptier than the live data's`;
    log(`seeding ${size.patterns.toLocaleString()} patterns, ${size.indicators.toLocaleString()} indicators, ${size.alerts.toLocaleString()} alerts (${reason}) …`);
    const timings = await seed(clients, size, new Date(), log);
    return { reused: false, reason, timings, counts: await tableCounts(clients[0]!) };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;
