// Where the query service's time goes under the bench's load: the service under `node --cpu-prof`
// at the bench's rate (uniform arrivals, keep-alive), the pg floor beside it, and the CPU each
// process spent per request (service, this load generator, PostgreSQL). Not the benchmark: no
// targets, short runs, for finding the cost before changing it.
// Run: BENCH_DATABASE_URL=postgres://… npx tsx src/query/profile.ts   (from tools/bench)
//   PROFILE_SECONDS=10  PROFILE_RATE=1000  PROFILE_CASES=patterns,indicators  PROFILE_ENV='{"LOG_LEVEL":"warn"}'
//   PROFILE_NO_CPU_PROF=1 (timings without the profiler's own overhead)  PROFILE_NODE_ARGS='--max-semi-space-size=64'
import { mkdirSync, readdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startRedis } from '@tickstock/testing';
import pg from 'pg';
import { printLongTasks, printProfile, summarizeProfile } from '../ingest-profile';
import { measureCpu, postmasterOf, type CpuShare } from './cpu';
import { openDatabase, openServer, seedIfNeeded } from './database';
import { httpOpenLoop } from './http-open-loop';
import { openLoop, type Latency } from './load';
import { FULL_SIZE, scaled, symbolName } from './seed';
import { startQueryService } from './service';
import { hoursAgo, INDICATORS, PATTERNS, queryNamed } from './sql';

const SECONDS = Number(process.env.PROFILE_SECONDS ?? 10);
const RATE = Number(process.env.PROFILE_RATE ?? 1000);
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const CPU_PROF = !process.env.PROFILE_NO_CPU_PROF;
const size = scaled(FULL_SIZE, SCALE);
const log = (line: string) => process.stdout.write(`${line}\n`);
const randomSymbol = () => symbolName(Math.floor(Math.random() * size.symbols));

const CASES = {
  patterns: { path: () => `/streaming/api/patterns/${randomSymbol()}?hours=24`, floor: (pool: pg.Pool) => queryNamed(pool, PATTERNS, { symbol: randomSymbol(), since: hoursAgo(24), limit: 100 }) },
  indicators: { path: () => `/streaming/api/indicators/${randomSymbol()}?hours=1`, floor: (pool: pg.Pool) => queryNamed(pool, INDICATORS, { symbol: randomSymbol(), since: hoursAgo(1), limit: 200 }) },
};

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

function line(what: string, l: Latency, cpu: CpuShare, n: number) {
  const per = (ms: number) => ((ms / n) * 1000).toFixed(0).padStart(5);
  log(
    `  ${what.padEnd(8)} p50 ${l.p50.toFixed(2).padStart(6)}  p90 ${l.p90.toFixed(2).padStart(6)}  p99 ${l.p99.toFixed(2).padStart(7)}  max ${l.max.toFixed(1).padStart(6)}  errors ${l.errors}` +
      `   CPU µs/request: service ${per(cpu.serviceMs)}  load ${per(cpu.loadMs)}  postgres ${per(cpu.postgresMs)}  (sum ${per(cpu.serviceMs + cpu.loadMs + cpu.postgresMs)}; other processes ${per(cpu.othersMs)})`,
  );
}

async function main() {
  const { url: serverUrl, server } = await openServer();
  const redis = await startRedis();
  const databaseUrl = await openDatabase(serverUrl);
  const seeded = await seedIfNeeded(databaseUrl, size, log);
  log(seeded.reused ? `reusing seeded data (${seeded.reason})` : `seeded in ${((seeded.timings?.totalMs ?? 0) / 1000).toFixed(1)} s`);
  const profDir = join(tmpdir(), `query-prof-${Date.now()}`);
  mkdirSync(profDir, { recursive: true });
  const extraEnv = JSON.parse(process.env.PROFILE_ENV ?? '{}') as Record<string, string>;
  const service = await startQueryService({
    databaseUrl,
    redisUrl: redis.url,
    port: await freePort(),
    env: extraEnv,
    nodeArgs: [...(CPU_PROF ? ['--cpu-prof', '--cpu-prof-interval=200', `--cpu-prof-dir=${profDir}`] : []), ...(process.env.PROFILE_NODE_ARGS ?? '').split(' ').filter(Boolean)],
  });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const backend = await pool.query<{ pid: number }>('select pg_backend_pid() as pid');
  const postmaster = postmasterOf(backend.rows[0]!.pid);
  const windows: Record<string, [number, number]> = {};
  const names = (process.env.PROFILE_CASES ?? 'patterns,indicators').split(',') as (keyof typeof CASES)[];
  try {
    log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${RATE}/s for ${SECONDS} s per side; env ${JSON.stringify(extraEnv)}; cpu-prof ${CPU_PROF}; node args '${process.env.PROFILE_NODE_ARGS ?? ''}'`);
    for (const name of names) {
      const c = CASES[name];
      await httpOpenLoop({ base: service.base, token: service.token, rate: RATE / 2, seconds: 3, path: c.path });
      await openLoop(RATE / 2, 3, () => c.floor(pool));
      const from = monotonicUs();
      const s = await measureCpu({ service: service.child.pid, postmaster }, () =>
        httpOpenLoop({ base: service.base, token: service.token, rate: RATE, seconds: SECONDS, path: c.path }),
      );
      windows[name] = [from, monotonicUs()];
      const f = await measureCpu({ postmaster }, () => openLoop(RATE, SECONDS, () => c.floor(pool)));
      log(`${name}:`);
      line('service', s.result, s.cpu, s.result.count);
      line('pg', f.result, f.cpu, f.result.count);
      log(`  added p50 ${(s.result.p50 - f.result.p50).toFixed(2)} ms`);
    }
    log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  } finally {
    await pool.end();
    await service.stop();
    await redis.stop();
    await server?.stop();
  }
  if (!CPU_PROF) return;
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile in ${profDir}`);
  log(`profile: ${join(profDir, file)}`);
  for (const [name, window] of Object.entries(windows)) {
    const s = summarizeProfile(join(profDir, file), 40, window);
    log(`\n${name} (service side only):`);
    printProfile(s, 40, name);
    printLongTasks(s, name);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
