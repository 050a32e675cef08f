// The query service under load (issue 4): 2 M patterns and 10 M indicators over 500 symbols and
// 7 days; patterns/{symbol}?hours=24, indicators/{symbol}?hours=1 and summary?hours=24 at 1,000
// requests/s on loopback; the same SQL straight through pg at the same rate as the floor (the
// history reads as the same named prepared statements the service runs, query/sql.ts); the plans
// PostgreSQL used; the CPU each process spent per request (query/cpu.ts: the service, this load
// generator, PostgreSQL, and every other process meanwhile — the machine is shared). Prints a
// table, writes bench-results/query.json.
// The pass/fail numbers come from uniform arrivals (query/http-open-loop.ts). autocannon runs too,
// in turns with it, and is shown beside it: its rate option sends each connection's quota for the
// second back to back, so it measures bursts (see http-open-loop.ts), not a steady 1,000/s.
// Run: npm run query -w @tickstock/bench
//   BENCH_SCALE=0.1        a tenth of the rows (a quick run)      BENCH_SECONDS=20  per measurement
//   BENCH_DATABASE_URL=…   an existing server (seeded data is reused when the counts match and the newest row is
//                          under BENCH_REUSE_MAX_AGE_MIN=10 minutes old, see query/database.ts; BENCH_RESEED=1 forces)
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { freePort, startRedis } from '@tickstock/testing';
import { GENERIC_PLANS_STARTUP_OPTION } from '@tickstock/db';
import pg from 'pg';
import { measureCpu, postmasterOf, type CpuShare } from './query/cpu';
import { httpOpenLoop } from './query/http-open-loop';
import { httpLoad, openLoop, summarize, type HttpRun, type Latency } from './query/load';
import { openDatabase, openServer, seedIfNeeded, type Seeded } from './query/database';
import { explainAll } from './query/plans';
import { FULL_SIZE, scaled, symbolName } from './query/seed';
import { startQueryService } from './query/service';
import { hoursAgo, INDICATORS, PATTERNS, queryNamed, SUMMARY_SQL } from './query/sql';

const RATE = 1000;
/** Service and floor take turns in this many slices, so both see the same background load. */
const SLICES = 4;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const TARGETS = { historyP99Ms: 20, summaryP99Ms: 100, addedP50Ms: 2 };
const size = scaled(FULL_SIZE, SCALE);
const log = (line: string) => process.stdout.write(`${line}\n`);
const randomSymbol = () => symbolName(Math.floor(Math.random() * size.symbols));

type Case = { name: string; path: () => string; floor: (pool: pg.Pool) => Promise<unknown> };

const CASES: Case[] = [
  {
    name: 'patterns/{symbol}?hours=24',
    path: () => `/streaming/api/patterns/${randomSymbol()}?hours=24`,
    floor: (pool) => queryNamed(pool, PATTERNS, { symbol: randomSymbol(), since: hoursAgo(24), limit: 100 }),
  },
  {
    name: 'indicators/{symbol}?hours=1',
    path: () => `/streaming/api/indicators/${randomSymbol()}?hours=1`,
    floor: (pool) => queryNamed(pool, INDICATORS, { symbol: randomSymbol(), since: hoursAgo(1), limit: 200 }),
  },
];

const summaryFloor = (pool: pg.Pool) => {
  const since = hoursAgo(24);
  return Promise.all(SUMMARY_SQL.map((sql, i) => pool.query(sql, i === 3 ? [since, 10] : [since])));
};

/** CPU per request (µs) on each side: who spent it, and what every other process took meanwhile. */
type CpuPerRequest = { service: number; load: number; postgres: number; others: number } | null;
type Measured = { service: Latency; autocannon: AutocannonView; floor: Latency; addedP50: number; cpu: { service: CpuPerRequest; floor: CpuPerRequest } };
type Pids = { service?: number; postmaster?: number };

function perRequest(cpu: CpuShare, requests: number): CpuPerRequest {
  if (requests === 0) return null;
  const us = (ms: number) => Math.round((ms * 1000) / requests);
  return { service: us(cpu.serviceMs), load: us(cpu.loadMs), postgres: us(cpu.postgresMs), others: us(cpu.othersMs) };
}

const addCpu = (a: CpuShare, b: CpuShare): CpuShare => ({
  serviceMs: a.serviceMs + b.serviceMs,
  loadMs: a.loadMs + b.loadMs,
  postgresMs: a.postgresMs + b.postgresMs,
  othersMs: a.othersMs + b.othersMs,
});
const NO_CPU: CpuShare = { serviceMs: 0, loadMs: 0, postgresMs: 0, othersMs: 0 };
type AutocannonView = { p50: number; p99: number; p99Exact: number; rps: number; errors: number };

/** Service (uniform arrivals), pg floor and autocannon take turns in slices; each side's samples are merged. */
async function interleaved(
  pids: Pids,
  service: () => Promise<{ samples: number[]; errors: number }>,
  floor: () => Promise<{ samples: number[]; errors: number }>,
  cannon: () => Promise<HttpRun>,
): Promise<Measured> {
  const serviceSamples: number[] = [];
  const floorSamples: number[] = [];
  const cannonRuns: HttpRun[] = [];
  let serviceErrors = 0;
  let floorErrors = 0;
  let serviceCpu = NO_CPU;
  let floorCpu = NO_CPU;
  for (let k = 0; k < SLICES; k++) {
    const { result: s, cpu: sc } = await measureCpu(pids, service);
    serviceSamples.push(...s.samples);
    serviceErrors += s.errors;
    serviceCpu = addCpu(serviceCpu, sc);
    // The service's process idles meanwhile; only the load generator and PostgreSQL count here.
    const { result: f, cpu: fc } = await measureCpu({ postmaster: pids.postmaster }, floor);
    floorSamples.push(...f.samples);
    floorErrors += f.errors;
    floorCpu = addCpu(floorCpu, fc);
    cannonRuns.push(await cannon());
  }
  const cannonSamples = cannonRuns.flatMap((r) => r.samples);
  const exact = summarize(cannonSamples, 0, SECONDS);
  const serviceLatency = summarize(serviceSamples, serviceErrors, SECONDS);
  const floorLatency = summarize(floorSamples, floorErrors, SECONDS);
  return {
    service: serviceLatency,
    // autocannon's own percentiles are per slice (integer ms, corrected for coordinated omission): the worst slice.
    autocannon: {
      p50: Math.max(...cannonRuns.map((r) => r.autocannon.p50)),
      p99: Math.max(...cannonRuns.map((r) => r.autocannon.p99)),
      p99Exact: exact.p99,
      rps: exact.rps,
      errors: cannonRuns.reduce((n, r) => n + r.latency.errors, 0),
    },
    floor: floorLatency,
    addedP50: round2(serviceLatency.p50 - floorLatency.p50),
    cpu: { service: perRequest(serviceCpu, serviceSamples.length + serviceErrors), floor: perRequest(floorCpu, floorSamples.length + floorErrors) },
  };
}

/** The uncached summary cannot take 1,000/s; it is timed one at a time (its latency, not a rate). */
async function sequential(seconds: number, op: () => Promise<unknown>): Promise<Latency> {
  const samples: number[] = [];
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end || samples.length < 5) {
    const t = performance.now();
    await op();
    samples.push(performance.now() - t);
  }
  return summarize(samples, 0, seconds);
}

async function main() {
  log(`query bench: scale ${SCALE}, ${SECONDS} s per measurement, ${RATE} req/s, ${cpus().length} cores`);
  const { url: serverUrl, server } = await openServer();
  const redis = await startRedis();
  const databaseUrl = await openDatabase(serverUrl);
  const seeded = await seedIfNeeded(databaseUrl, size, log);
  if (seeded.timings) log(`seeded in ${(seeded.timings.totalMs / 1000).toFixed(1)} s (load ${(seeded.timings.loadMs / 1000).toFixed(1)} s, indexes ${(seeded.timings.indexMs / 1000).toFixed(1)} s, vacuum + checkpoint ${(seeded.timings.vacuumMs / 1000).toFixed(1)} s)`);
  else log(`reusing seeded data (newest row ${seeded.newestAgeMinutes} min old): ${JSON.stringify(seeded.counts)}`);

  const service = await startQueryService({ databaseUrl, redisUrl: redis.url, port: await freePort() });
  // The floor's connections plan as the service's do (apps/query/src/main.ts: genericPlans).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, options: GENERIC_PLANS_STARTUP_OPTION });
  const results: Record<string, Measured> = {};
  try {
    const backend = await pool.query<{ pid: number }>('select pg_backend_pid() as pid');
    const pids: Pids = { service: service.child.pid, postmaster: postmasterOf(backend.rows[0]!.pid) };
    log('warming up …');
    for (const c of CASES) {
      await httpOpenLoop({ base: service.base, token: service.token, rate: RATE / 2, seconds: 3, path: c.path });
      await openLoop(RATE / 2, 3, () => c.floor(pool));
    }
    // Other work on this machine (2 cores) shows in the latencies: the load is recorded with them.
    const loadBefore = loadavg()[0]!;
    for (const c of CASES) {
      log(`measuring ${c.name} …`);
      results[c.name] = await interleaved(
        pids,
        () => httpOpenLoop({ base: service.base, token: service.token, rate: RATE, seconds: SECONDS / SLICES, path: c.path }),
        () => openLoop(RATE, SECONDS / SLICES, () => c.floor(pool)),
        () => httpLoad({ base: service.base, token: service.token, rate: RATE, seconds: SECONDS / SLICES, connections: 20, path: c.path }),
      );
    }
    log('measuring summary?hours=24 …');
    const summaryPath = () => '/streaming/api/summary?hours=24';
    await httpOpenLoop({ base: service.base, token: service.token, rate: 50, seconds: 2, path: summaryPath });
    const summary = await interleaved(
      pids,
      () => httpOpenLoop({ base: service.base, token: service.token, rate: RATE, seconds: SECONDS / SLICES, path: summaryPath }),
      () => Promise.resolve({ samples: [], errors: 0 }),
      () => httpLoad({ base: service.base, token: service.token, rate: RATE, seconds: SECONDS / SLICES, connections: 20, path: summaryPath }),
    );
    const summarySql = await sequential(Math.min(SECONDS, 10), () => summaryFloor(pool));
    results['summary?hours=24'] = { ...summary, floor: summarySql, addedP50: round2(summary.service.p50 - summarySql.p50) };

    const load = { before: round2(loadBefore), after: round2(loadavg()[0]!) };
    log(`1-minute load average: ${load.before} before the measurements, ${load.after} after`);
    const plans = await explainAll(pool, databaseUrl, (k) => symbolName(117 + k));
    report(seeded, results, plans, load);
  } finally {
    await pool.end();
    await service.stop();
    await redis.stop();
    await server?.stop();
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;



function report(
  seeded: Seeded,
  results: Record<string, Measured>,
  plans: Record<string, string>,
  load: { before: number; after: number },
) {
  const rows = Object.entries(results).map(([name, r]) => {
    const isSummary = name.startsWith('summary');
    const limit = isSummary ? TARGETS.summaryP99Ms : TARGETS.historyP99Ms;
    const pass = r.service.p99 <= limit && r.service.errors === 0 && (isSummary || r.addedP50 <= TARGETS.addedP50Ms);
    return {
      endpoint: name,
      'req/s': r.service.rps,
      'p50 ms': r.service.p50,
      'p99 ms': r.service.p99,
      'max ms': r.service.max,
      errors: r.service.errors,
      'pg p50 ms': r.floor.p50,
      'pg p99 ms': r.floor.p99,
      'added p50 ms': isSummary ? '(cached)' : r.addedP50,
      'autocannon p50/p99 ms': `${r.autocannon.p50}/${r.autocannon.p99}`,
      target: isSummary ? `p99 <= ${limit}` : `p99 <= ${limit}, added p50 <= ${TARGETS.addedP50Ms}`,
      result: pass ? 'PASS' : 'FAIL',
    };
  });
  for (const [name, plan] of Object.entries(plans)) log(`\nEXPLAIN (ANALYZE, BUFFERS) ${name}\n${plan}`);
  log('');
  console.table(rows);
  // On 2 cores the service, this load generator and PostgreSQL share the CPU with whatever else runs.
  log('CPU µs per request (service side | pg floor side): service + load generator + PostgreSQL, and other processes meanwhile');
  for (const [name, r] of Object.entries(results)) {
    const side = (c: CpuPerRequest) => (c ? `${c.service} + ${c.load} + ${c.postgres} = ${c.service + c.load + c.postgres} (others ${c.others})` : 'no requests');
    log(`  ${name.padEnd(28)} ${side(r.cpu.service)} | ${side(r.cpu.floor)}`);
  }
  const out = fileURLToPath(new URL('../../../bench-results/', import.meta.url));
  mkdirSync(out, { recursive: true });
  writeFileSync(
    `${out}query.json`,
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: cpus().length, scale: SCALE, size, seconds: SECONDS, rate: RATE, loadAverage: load, seeded, targets: TARGETS, rows, results, plans }, null, 2)}\n`,
  );
  log(`\nwrote bench-results/query.json`);
}

main().catch((err: unknown) => {
  process.stderr.write(`query bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
