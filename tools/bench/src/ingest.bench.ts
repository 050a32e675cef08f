// Ingest benchmark (issue 3, "Benchmark"): the real ingest service (apps/ingest/src/main.ts, a
// child process) against a real Redis and PostgreSQL on loopback, fed by a publisher process that
// sends the decode bench's realistic mix over 500 symbols on the 12 TickStockPL channels.
// Run: npm run ingest -w @tickstock/bench (or npm run bench:ingest at the root). ~2 minutes.
//
// Phases, one run:
//  1. ceiling: a bare ioredis subscriber (its own process, only counts) takes the flood;
//  2. throughput: the ingest takes the same flood (the publisher goes as fast as the subscriber
//     drains, see ingest-publisher.ts): sustained accepted events/s, the accounting checked
//     against the publisher's own decode of every message; then the store writer catches up
//     (its capacity with nothing else to do);
//  3. persistence: a steady BENCH_PERSIST_RATE events/s (25,000: ~22,000 new rows/s) for
//     ~10 s: does the store writer keep pace while the ingest is taking traffic;
//  4. latency: BENCH_RATE events/s (10,000) with the send time in each priority pattern's
//     metadata; the bench reads the frames stream (blocking XREAD) and takes frame arrival minus
//     send time (both performance.timeOrigin + now(): one machine, one clock).
// RSS is the ingest's VmHWM (peak) from /proc; CPU per process and phase from /proc too, with
// the rest of the machine as `other processes` (a shared 2-core box skews rates and tails).
// Env: BENCH_MESSAGES (flood, 400000), BENCH_PERSIST_RATE (25000), BENCH_RATE (10000),
// BENCH_SECONDS (per paced phase, 10), BENCH_CPU_PROF=1 (profile the ingest: where its CPU went
// in the flood, its long event-loop stretches in the latency phase), BENCH_INGEST=bundle (run
// the esbuild bundle tools/release deploys, on plain node, instead of the sources with tsx),
// BENCH_INGEST_NODE_ARGS (node flags for the ingest), STREAMING_* (passed to the ingest; the
// documented defaults otherwise).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createRedisBus, type Bus } from '@tickstock/bus';
import { FRAME_FIELD, SERVICE_KEYS, type ServerFrame } from '@tickstock/contracts';
import { createTestDatabase, freePort, startRedis, uniquePrefix, waitFor } from '@tickstock/testing';
import { printLongTasks, printProfile, summarizeProfile, type ProfileSummary } from './ingest-profile';
import { BENCH_STAMP_FIELD, type PoolSpec, type PoolSummary, type PublisherReply, type SubscriberReply } from './ingest-protocol';
import {
  byLabel,
  cpuSecondsOf,
  findPostmasterPid,
  findRedisPid,
  fmt,
  machineBusySeconds,
  memoryOf,
  parseMetrics,
  percentile,
  spawnTsx,
  steadyRate,
  sum,
  type Child,
  type Metrics,
} from './ingest-support';

const envInt = (name: string, dflt: number) => {
  const v = Number(process.env[name] ?? dflt);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`${name} must be a positive integer`);
  return v;
};
const MESSAGES = envInt('BENCH_MESSAGES', 400_000);
const PERSIST_RATE = envInt('BENCH_PERSIST_RATE', 25_000);
const LATENCY_RATE = envInt('BENCH_RATE', 10_000);
const PACED_SECONDS = envInt('BENCH_SECONDS', 10);
const CPU_PROF = process.env.BENCH_CPU_PROF === '1';
/** `tsx` (the sources, as `npm start` runs them) or `bundle` (the esbuild bundle tools/release deploys, on plain node). */
const INGEST_RUNTIME = process.env.BENCH_INGEST === 'bundle' ? 'bundle' : 'tsx';
/** Extra node flags for the ingest only, e.g. `--max-old-space-size=160` (what a deployment would put in NODE_OPTIONS). */
const INGEST_NODE_ARGS = (process.env.BENCH_INGEST_NODE_ARGS ?? '').split(' ').filter(Boolean);
const STREAMING = {
  STREAMING_BUFFER_ENABLED: process.env.STREAMING_BUFFER_ENABLED ?? 'true',
  STREAMING_BUFFER_INTERVAL: process.env.STREAMING_BUFFER_INTERVAL ?? '250',
  STREAMING_MAX_BUFFER_SIZE: process.env.STREAMING_MAX_BUFFER_SIZE ?? '100',
  STREAMING_MAX_BATCH_SIZE: process.env.STREAMING_MAX_BATCH_SIZE ?? '20',
  STREAMING_PRIORITY_CONFIDENCE: process.env.STREAMING_PRIORITY_CONFIDENCE ?? '0.8',
};

const TARGETS = { eventsPerSec: 50_000, ofBare: 0.5, p99Ms: 5, rowsPerSec: 20_000, rssMb: 250 };
/** The writer keeps pace when it has stored everything this soon after the feed stops. */
const KEPT_PACE_MS = 2_000;
const SAMPLE_MS = 250;
/** The mix averages ~1.07 events per message (batches of 20 count 20). */
const EVENTS_PER_MESSAGE = 1.07;

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const BENCH_DIR = here('..');
const INGEST_DIR = here('../../../apps/ingest');
const RESULTS_DIR = here('../../../bench-results');
const PROF_DIR = here('../../../bench-results/ingest-prof');
const BUNDLE_DIR = here('../../../dist/bench-ingest');
const epochNow = () => performance.timeOrigin + performance.now();
const monoUs = () => Number(process.hrtime.bigint() / 1000n);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ── CPU per process and phase ──

type Pids = { publisher: number; bare?: number; ingest?: number; redis: number | null; postgres: number | null };
type CpuSnap = { t: number; machine: number; bench: number; byProc: Record<string, number> };

function cpuSnap(pids: Pids): CpuSnap {
  const u = process.cpuUsage();
  const byProc: Record<string, number> = { publisher: cpuSecondsOf([pids.publisher]) };
  if (pids.bare) byProc['bare subscriber'] = cpuSecondsOf([pids.bare]);
  if (pids.ingest) byProc.ingest = cpuSecondsOf([pids.ingest]);
  if (pids.redis) byProc['redis-server'] = cpuSecondsOf([pids.redis]);
  if (pids.postgres) byProc.postgresql = cpuSecondsOf([pids.postgres], true);
  return { t: performance.now(), machine: machineBusySeconds(), bench: (u.user + u.system) / 1e6, byProc };
}

/** Average cores used per process between two snapshots (1.00 = one core busy); `other processes` = the rest of the machine. */
function cpuBetween(a: CpuSnap, b: CpuSnap): Record<string, number> {
  const secs = (b.t - a.t) / 1000;
  const out: Record<string, number> = {};
  let ours = 0;
  for (const [name, v] of Object.entries(b.byProc)) {
    const used = v - (a.byProc[name] ?? v);
    out[name] = used / secs;
    ours += used;
  }
  out.bench = (b.bench - a.bench) / secs;
  ours += b.bench - a.bench;
  out['other processes'] = Math.max(0, (b.machine - a.machine - ours) / secs);
  out['machine total'] = (b.machine - a.machine) / secs;
  return out;
}

// ── sampling the ingest ──

type Counters = {
  received: number;
  accepted: number;
  rejected: number;
  sent: number;
  deduplicated: number;
  dropped: number;
  persisted: number;
  /** Messages seen while this replica was not the leader (its lease had lapsed): not handled. */
  standby: number;
  fenced: number;
  leaderTerms: number;
  subscriptionUp: number;
};
type Sample = Counters & { t: number; backlog: number; rssMb: number; peakMb: number; heapUsedMb: number; heapTotalMb: number; externalMb: number; loopLagP99Ms: number };

function countersOf(m: Metrics): Counters {
  return {
    received: sum(m, 'ingest_messages_received_total'),
    accepted: sum(m, 'ingest_events_accepted_total'),
    rejected: sum(m, 'ingest_messages_rejected_total'),
    sent: sum(m, 'ingest_events_sent_total'),
    deduplicated: sum(m, 'ingest_events_deduplicated_total'),
    dropped: sum(m, 'ingest_events_dropped_total'),
    persisted: sum(m, 'ingest_events_persisted_total'),
    standby: sum(m, 'ingest_messages_standby_total'),
    fenced: sum(m, 'ingest_frames_fenced_total'),
    leaderTerms: sum(m, 'ingest_leader_acquired_total'),
    subscriptionUp: sum(m, 'ingest_subscription_up'),
  };
}

const MB = 1024 * 1024;

/** Every SAMPLE_MS: the ingest's counters and heap (unless paused), the events stream's length, RSS. */
function startMonitor(bus: Bus, scrape: () => Promise<Metrics>, ingest: Child<{ type: string }>) {
  const samples: Sample[] = [];
  let scraping = true;
  let last: Metrics = new Map();
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      try {
        if (scraping) last = await scrape();
        const backlog = (await bus.streamInfo(SERVICE_KEYS.eventsStream)).length;
        const mem = memoryOf(ingest.pid);
        samples.push({
          t: performance.now(),
          ...countersOf(last),
          backlog,
          rssMb: mem?.rssMb ?? 0,
          peakMb: mem?.peakMb ?? 0,
          heapUsedMb: sum(last, 'nodejs_heap_size_used_bytes') / MB,
          heapTotalMb: sum(last, 'nodejs_heap_size_total_bytes') / MB,
          externalMb: sum(last, 'nodejs_external_memory_bytes') / MB,
          loopLagP99Ms: sum(last, 'nodejs_eventloop_lag_p99_seconds') * 1000,
        });
      } catch {
        // The ingest too busy to answer for a moment: the next sample tells.
      }
      await sleep(Math.max(0, SAMPLE_MS - (performance.now() - t0)));
    }
  })();
  return {
    samples,
    setScraping(on: boolean) {
      scraping = on;
    },
    /** Resolves with the first sample after `after` (performance.now()) that satisfies `ok`. */
    until(ok: (s: Sample, prev: Sample | undefined) => boolean, after: number, timeoutMs: number, what: string): Promise<Sample> {
      return waitFor(
        () => {
          for (let i = 1; i < samples.length; i++) {
            const s = samples[i] as Sample;
            if (s.t > after && ok(s, samples[i - 1])) return s;
          }
          return undefined;
        },
        { timeoutMs, intervalMs: 50, what },
      );
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}

/** Stored everything: the events stream empty twice in a row and no new rows meanwhile. */
const drained = (s: Sample, prev: Sample | undefined) => prev !== undefined && s.backlog === 0 && prev.backlog === 0 && s.persisted === prev.persisted;

async function main(): Promise<void> {
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    await run(cleanups);
  } finally {
    for (const c of cleanups.reverse()) await c().catch((err: unknown) => console.error('cleanup:', err));
  }
}

async function run(cleanups: (() => Promise<unknown>)[]): Promise<void> {
  const wallStart = performance.now();
  console.log(
    `ingest bench: node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'}); ingest run as ${INGEST_RUNTIME} ${INGEST_NODE_ARGS.join(' ')}; buffer ${JSON.stringify(STREAMING)}`,
  );
  const redis = await startRedis();
  cleanups.push(() => redis.stop());
  const db = await createTestDatabase('ingest-bench');
  cleanups.push(() => db.drop());
  const pids: Pids = {
    publisher: 0,
    redis: findRedisPid(Number(new URL(redis.url).port)),
    postgres: findPostmasterPid(Number(new URL(db.server.url).port)),
  };
  console.log(`redis ${redis.source} ${redis.url}; postgresql ${db.server.source} (the local test server runs with fsync off)`);
  const idle0 = cpuSnap(pids);
  await sleep(2_000);
  const background = cpuBetween(idle0, cpuSnap(pids))['other processes'] ?? 0;
  console.log(`background load before the run: ${background.toFixed(2)} cores busy with other processes`);

  // ── the publisher and its pools: producer clocks in the recent past, the pools apart in time ──
  const publisher = spawnTsx<PublisherReply>(here('./ingest-publisher.ts'), { cwd: BENCH_DIR, env: { REDIS_URL: redis.url }, name: 'publisher' });
  cleanups.push(() => publisher.stop());
  pids.publisher = publisher.pid;
  await publisher.next('ready', 60_000);
  const minute = (ms: number) => Math.floor(ms / 60_000) * 60_000;
  const span = (count: number) => (count / 100 + 120) * 1000; // the mix's clock: 1 s per 100 messages
  const latencyCount = Math.round((LATENCY_RATE * PACED_SECONDS) / EVENTS_PER_MESSAGE);
  const persistCount = Math.round((PERSIST_RATE * PACED_SECONDS) / EVENTS_PER_MESSAGE);
  const latencyT0 = minute(Date.now() - span(latencyCount));
  const persistT0 = minute(latencyT0 - span(persistCount));
  const floodT0 = minute(persistT0 - span(MESSAGES));
  const specs: PoolSpec[] = [
    { name: 'flood', mode: 'flood', count: MESSAGES, seed: 42, t0Ms: floodT0 },
    { name: 'persist', mode: 'paced', count: persistCount, seed: 11, t0Ms: persistT0 },
    { name: 'latency', mode: 'paced', count: latencyCount, seed: 7, t0Ms: latencyT0, stamp: true },
  ];
  publisher.send({ cmd: 'prepare', pools: specs });
  const prepared = await publisher.next('prepared', 300_000);
  const pool = (name: string) => prepared.pools[name] as PoolSummary;
  const flood = pool('flood');
  console.log(
    `pools ready in ${(prepared.ms / 1000).toFixed(1)} s: flood ${fmt(flood.messages)} messages (${(flood.bytes / flood.messages).toFixed(0)} B avg) → ` +
      `${fmt(flood.accepted)} events, ${fmt(flood.rejected)} rejected; persistence ${fmt(pool('persist').messages)}; latency ${fmt(pool('latency').messages)} ` +
      `(${fmt(pool('latency').stampedPriority)} send-stamped priority patterns)`,
  );

  // ── 1. the ceiling: a bare subscriber takes the flood ──
  console.log('\n[1/4] flood → bare ioredis subscriber (the ceiling)');
  const bare = spawnTsx<SubscriberReply>(here('./ingest-bare-subscriber.ts'), { cwd: BENCH_DIR, env: { REDIS_URL: redis.url }, name: 'bare subscriber' });
  cleanups.push(() => bare.stop());
  await bare.next('ready', 60_000);
  pids.bare = bare.pid;
  const c0 = cpuSnap(pids);
  publisher.send({ cmd: 'flood', pool: 'flood' });
  const bareFlood = await publisher.next('flooded', 600_000);
  const bareReport = await waitFor(
    async () => {
      bare.send({ cmd: 'report' });
      const r = await bare.next('report', 5_000);
      return r.count >= bareFlood.published && r;
    },
    { timeoutMs: 60_000, intervalMs: 100, what: 'the bare subscriber to receive the flood' },
  );
  const c1 = cpuSnap(pids);
  bare.send({ cmd: 'exit' });
  await bare.stop();
  delete pids.bare;
  const bareRate = bareReport.count / ((bareReport.lastAt - bareReport.firstAt) / 1000);
  const barePublisherRate = bareFlood.published / (bareFlood.elapsedMs / 1000);
  const bareCpu = cpuBetween(c0, c1);
  console.log(`  bare subscriber ${fmt(bareRate)} msgs/s; publisher ${fmt(barePublisherRate)} msgs/s (paused ${fmt(bareFlood.pausedMs)} ms waiting for the subscriber)`);

  // ── the ingest ──
  const prefix = uniquePrefix('ingest-bench');
  const port = await freePort();
  if (CPU_PROF) mkdirSync(PROF_DIR, { recursive: true });
  if (INGEST_RUNTIME === 'bundle') {
    execFileSync(process.execPath, ['--import', 'tsx', '../../tools/release/src/cli.ts', 'build', '--out', BUNDLE_DIR], { cwd: INGEST_DIR, stdio: 'ignore' });
  }
  const ingest = spawnTsx<{ type: 'never' }>(INGEST_RUNTIME === 'bundle' ? `${BUNDLE_DIR}/main.mjs` : 'src/main.ts', {
    cwd: INGEST_DIR,
    name: 'ingest',
    tsx: INGEST_RUNTIME === 'tsx',
    nodeArgs: [...INGEST_NODE_ARGS, ...(CPU_PROF ? ['--cpu-prof', '--cpu-prof-interval=500', `--cpu-prof-dir=${PROF_DIR}`] : [])],
    env: { REDIS_URL: redis.url, DATABASE_URL: db.url, REDIS_KEY_PREFIX: prefix, INGEST_PORT: String(port), LOG_LEVEL: 'warn', ...STREAMING },
  });
  cleanups.push(() => ingest.stop(20_000));
  pids.ingest = ingest.pid;
  const scrape = async () => parseMetrics(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text());
  await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok && sum(await scrape(), 'ingest_is_leader') === 1, {
    timeoutMs: 60_000,
    intervalMs: 200,
    what: 'the ingest to be ready and leader',
  });
  const bus = createRedisBus({ url: redis.url, prefix, name: 'bench' });
  cleanups.push(() => bus.close());
  const idleMem = memoryOf(ingest.pid);
  /** The buffer empties in a few flushes (at most MAX_BATCH_SIZE per stream per interval): then pending = 0. */
  const bufferEmpty = () =>
    waitFor(
      async () => {
        const c = countersOf(await scrape());
        return c.accepted === c.sent + c.deduplicated + c.dropped && { ...c, t: performance.now() };
      },
      { timeoutMs: 30_000, intervalMs: 100, what: 'the streaming buffer to empty' },
    );
  const monitor = startMonitor(bus, scrape, ingest);
  cleanups.push(() => monitor.stop());
  const samples = monitor.samples;

  // ── 2. the ingest takes the flood ──
  console.log('\n[2/4] flood → ingest');
  const c2 = cpuSnap(pids);
  const floodStart = performance.now();
  const floodWindow: [number, number] = [monoUs(), 0];
  publisher.send({ cmd: 'flood', pool: 'flood' });
  const ingestFlood = await publisher.next('flooded', 600_000);
  floodWindow[1] = monoUs();
  const allIn = await monitor.until((s) => s.received + s.standby >= ingestFlood.published, floodStart, 120_000, 'the ingest to receive the whole flood');
  const flushed = await bufferEmpty();
  let publishedSoFar = ingestFlood.published;
  /** Before the next phase: everything published so far received (or nothing more coming for 3 s: Redis dropped it). */
  const allReceived = async (what: string) => {
    let last = -1;
    let since = performance.now();
    await waitFor(
      async () => {
        const c = countersOf(await scrape());
        const seen = c.received + c.standby;
        if (seen !== last) [last, since] = [seen, performance.now()];
        return seen >= publishedSoFar || performance.now() - since > 3_000;
      },
      { timeoutMs: 300_000, intervalMs: 100, what },
    );
  };
  const c3 = cpuSnap(pids);
  const caughtUp = await monitor.until(drained, flushed.t, 300_000, 'the store writer to drain the flood');
  const c4 = cpuSnap(pids);
  const afterFlood = await scrape();
  const floodSamples = samples.filter((s) => s.t >= floodStart && s.t <= caughtUp.t);
  const f = countersOf(afterFlood);
  const receiveSecs = (allIn.t - floodStart) / 1000;
  const ingestMsgRate = f.received / receiveSecs;
  const acceptedSteady = steadyRate(floodSamples.map((s) => ({ t: s.t, v: s.accepted })), f.accepted);
  const floodCpu = cpuBetween(c2, c3);
  // CPU per message is what contention changes least: it says what one core could take.
  const ingestCpuUsPerMsg = (((c3.byProc.ingest ?? 0) - (c2.byProc.ingest ?? 0)) * 1e6) / f.received;
  const accounting = {
    published: ingestFlood.published,
    ...f,
    batch_expansion: flood.batchExpansion,
    expected_accepted: flood.accepted,
    expected_rejected: flood.rejected,
    /** received + batch items beyond the first = accepted + rejected */
    unaccounted_in: f.received + flood.batchExpansion - f.accepted - f.rejected,
    /** accepted = sent + deduplicated (conflated or second copy) + dropped; pending is 0 after the flush */
    unaccounted_out: f.accepted - f.sent - f.deduplicated - f.dropped,
    lost_in_pubsub: ingestFlood.published - f.received,
    accepted_by_kind: byLabel(afterFlood, 'ingest_events_accepted_total', 'kind'),
    rejected_by_reason: byLabel(afterFlood, 'ingest_messages_rejected_total', 'reason'),
    sent_by_stream: byLabel(afterFlood, 'ingest_events_sent_total', 'stream'),
    deduplicated_by_stream: byLabel(afterFlood, 'ingest_events_deduplicated_total', 'stream'),
    dropped_by_stream: byLabel(afterFlood, 'ingest_events_dropped_total', 'stream'),
    frames_out_by_event: byLabel(afterFlood, 'ingest_frames_out_total', 'event'),
  };
  const floodNotes: string[] = [];
  if (f.standby > 0 || f.leaderTerms > 1) floodNotes.push(`lease lapsed: ${f.leaderTerms - 1} re-election(s), ${fmt(f.standby)} messages skipped as standby, ${fmt(f.fenced)} frames fenced`);
  const floodRows = byLabel(afterFlood, 'ingest_events_persisted_total', 'table');
  /** Every accepted event stored: rows per table = distinct event ids sent (the store is idempotent). */
  const rowsShort = Object.entries(flood.distinctIdsByTable).reduce((n, [table, ids]) => n + Math.abs(ids - (floodRows[table] ?? 0)), 0);
  const accountingOk =
    accounting.unaccounted_in === 0 &&
    accounting.unaccounted_out === 0 &&
    accounting.lost_in_pubsub === 0 &&
    f.accepted === flood.accepted &&
    f.rejected === flood.rejected &&
    rowsShort === 0;
  const catchUpSamples = samples.filter((s) => s.t >= c3.t && s.t <= caughtUp.t);
  const catchUp = {
    rows_during_flood_per_s: ((allIn.persisted - (floodSamples[0]?.persisted ?? 0)) * 1000) / (allIn.t - floodStart),
    rows_per_s_after_flood: steadyRate(
      catchUpSamples.map((s) => ({ t: s.t, v: s.persisted - (catchUpSamples[0]?.persisted ?? 0) })),
      f.persisted - (catchUpSamples[0]?.persisted ?? 0),
    ),
    backlog_peak_entries: Math.max(...floodSamples.map((s) => s.backlog)),
    drained_after_flood_s: (caughtUp.t - allIn.t) / 1000,
    rows_by_table: floodRows,
    distinct_ids_by_table: flood.distinctIdsByTable,
    cpu_cores: cpuBetween(c3, c4),
  };
  console.log(
    `  received ${fmt(f.received)} in ${receiveSecs.toFixed(2)} s: ${fmt(ingestMsgRate)} msgs/s, ${fmt(acceptedSteady)} events/s accepted (10-90%); ` +
      `publisher ${fmt(ingestFlood.published / (ingestFlood.elapsedMs / 1000))} msgs/s, paused ${fmt(ingestFlood.pausedMs)} ms waiting for the ingest`,
  );
  console.log(`  ingest CPU ${ingestCpuUsPerMsg.toFixed(1)} µs per message (all threads) → ~${fmt(1e6 / ingestCpuUsPerMsg)} msgs/s per core it gets`);
  console.log(
    `  store writer: ${fmt(catchUp.rows_during_flood_per_s)} rows/s during the flood, ${fmt(catchUp.rows_per_s_after_flood)} rows/s catching up after it; ` +
      `backlog peak ${fmt(catchUp.backlog_peak_entries)} entries, stored all ${catchUp.drained_after_flood_s.toFixed(1)} s after the flood`,
  );

  // ── 3. persistence under a steady feed ──
  console.log(`\n[3/4] ${fmt(PERSIST_RATE)} events/s steady → ingest → PostgreSQL`);
  const p0 = countersOf(await scrape());
  const c5 = cpuSnap(pids);
  const persistStart = performance.now();
  publisher.send({ cmd: 'paced', pool: 'persist', eventsPerSec: PERSIST_RATE });
  const persistFeed = await publisher.next('paced', 600_000);
  const persistFeedEnd = performance.now();
  publishedSoFar += persistFeed.published;
  await allReceived('the ingest to receive the steady feed');
  const persistDone = await monitor.until(drained, persistFeedEnd, 300_000, 'the store writer to drain the steady feed');
  const c6 = cpuSnap(pids);
  const p1 = countersOf(await scrape());
  const persistSecs = (persistDone.t - persistStart) / 1000;
  const persistFeedSamples = samples.filter((s) => s.t >= persistStart && s.t <= persistDone.t);
  const persistence = {
    offered_events_per_s: (p1.accepted - p0.accepted) / (persistFeed.elapsedMs / 1000),
    offered_rows_per_s: Object.values(pool('persist').distinctIdsByTable).reduce((a, b) => a + b, 0) / (persistFeed.elapsedMs / 1000),
    rows: p1.persisted - p0.persisted,
    rows_per_s: (p1.persisted - p0.persisted) / persistSecs,
    drained_after_feed_ms: persistDone.t - persistFeedEnd,
    kept_pace: persistDone.t - persistFeedEnd <= KEPT_PACE_MS,
    backlog_peak_entries: Math.max(0, ...persistFeedSamples.map((s) => s.backlog)),
    received: p1.received - p0.received,
    published: persistFeed.published,
    lost: sum(await scrape(), 'ingest_events_persist_lost_total'),
    errors: sum(await scrape(), 'ingest_persistence_errors_total'),
    cpu_cores: cpuBetween(c5, c6),
  };
  console.log(
    `  offered ${fmt(persistence.offered_events_per_s)} events/s (${fmt(persistence.offered_rows_per_s)} new rows/s); stored ${fmt(persistence.rows_per_s)} rows/s, ` +
      `all stored ${fmt(persistence.drained_after_feed_ms)} ms after the feed stopped; backlog peak ${persistence.backlog_peak_entries} entries`,
  );

  // ── 4. priority latency at LATENCY_RATE ──
  console.log(`\n[4/4] ${fmt(LATENCY_RATE)} events/s with send-stamped priority patterns → frames stream`);
  monitor.setScraping(false); // RSS and the backlog only: no /metrics renders in the ingest while it is timed
  const l0 = countersOf(await scrape());
  const latencies = new Map<string, number>();
  const readerAbort = new AbortController();
  let lastId = (await bus.streamInfo(SERVICE_KEYS.framesStream)).lastId ?? '0-0';
  const reader = (async () => {
    while (!readerAbort.signal.aborted) {
      const entries = await bus.read(SERVICE_KEYS.framesStream, lastId, { count: 5_000, blockMs: 200, signal: readerAbort.signal });
      const at = epochNow();
      for (const e of entries) {
        lastId = e.id;
        const text = e.fields[FRAME_FIELD];
        if (!text?.includes(BENCH_STAMP_FIELD)) continue;
        const frame = JSON.parse(text) as ServerFrame;
        if (frame.event !== 'streaming_pattern') continue;
        const sentAt = frame.data.detection.metadata[BENCH_STAMP_FIELD];
        if (typeof sentAt === 'number') latencies.set(frame.data.detection.id, at - sentAt);
      }
    }
  })();
  const c7 = cpuSnap(pids);
  const latencyWindow: [number, number] = [monoUs(), 0];
  publisher.send({ cmd: 'paced', pool: 'latency', eventsPerSec: LATENCY_RATE });
  const latencyFeed = await publisher.next('paced', 600_000);
  latencyWindow[1] = monoUs();
  publishedSoFar += latencyFeed.published;
  const required = prepared.priorityIds.latency ?? [];
  const missing = () => required.filter((id) => !latencies.has(id)).length;
  await waitFor(() => missing() === 0, { timeoutMs: 10_000, what: 'every stamped priority pattern as a frame' }).catch((err: unknown) =>
    console.error(`  ${err instanceof Error ? err.message : String(err)}: ${missing()} missing`),
  );
  const c8 = cpuSnap(pids);
  readerAbort.abort();
  await reader;
  monitor.setScraping(true);
  const l1 = countersOf(await scrape());
  const lat = [...latencies.values()].sort((a, b) => a - b);
  const latency = {
    events_per_s: (l1.accepted - l0.accepted) / (latencyFeed.elapsedMs / 1000),
    samples: lat.length,
    required: required.length,
    missing: missing(),
    p50_ms: percentile(lat, 50),
    p90_ms: percentile(lat, 90),
    p99_ms: percentile(lat, 99),
    p999_ms: percentile(lat, 99.9),
    max_ms: lat.at(-1) ?? NaN,
    min_ms: lat[0] ?? NaN,
    received: l1.received - l0.received,
    published: latencyFeed.published,
    publisher_max_behind_ms: latencyFeed.maxBehindMs,
    cpu_cores: cpuBetween(c7, c8),
  };
  console.log(
    `  ${fmt(latency.events_per_s)} events/s accepted; priority publish→frame p50 ${latency.p50_ms.toFixed(2)} ms, p90 ${latency.p90_ms.toFixed(2)} ms, ` +
      `p99 ${latency.p99_ms.toFixed(2)} ms, max ${latency.max_ms.toFixed(1)} ms (${fmt(lat.length)} frames; ${latency.missing} of ${fmt(required.length)} required missing)`,
  );
  await monitor.until(drained, performance.now(), 120_000, 'the store writer to drain the latency phase').catch(() => undefined);

  // ── the whole run, and the end ──
  await allReceived('the ingest to receive the latency feed');
  await bufferEmpty();
  const end = await scrape();
  const total = countersOf(end);
  const pools = [flood, pool('persist'), pool('latency')];
  const expect = (k: 'accepted' | 'rejected' | 'batchExpansion') => pools.reduce((n, p) => n + p[k], 0);
  const published = ingestFlood.published + persistFeed.published + latencyFeed.published;
  const notHandled = published - total.received;
  const runRows = pools.reduce((n, p) => n + Object.values(p.distinctIdsByTable).reduce((x, y) => x + y, 0), 0);
  const runRowsByTable = byLabel(end, 'ingest_events_persisted_total', 'table');
  const runRowsWithIds = Object.keys(flood.distinctIdsByTable).reduce((n, t) => n + (runRowsByTable[t] ?? 0), 0);
  const runAccounting = {
    published,
    ...total,
    /** Not handled: skipped while the lease had lapsed (standby), or dropped by Redis with the subscription (output buffer limit). */
    not_handled: notHandled,
    skipped_as_standby: total.standby,
    dropped_by_redis: notHandled - total.standby,
    unaccounted_in: notHandled === 0 ? total.received + expect('batchExpansion') - total.accepted - total.rejected : null,
    unaccounted_out: total.accepted - total.sent - total.deduplicated - total.dropped,
    accepted_vs_expected: total.accepted - expect('accepted'),
    rejected_vs_expected: total.rejected - expect('rejected'),
    rows_with_ids: runRowsWithIds,
    distinct_ids_sent: runRows,
    persist_lost_metric: sum(end, 'ingest_events_persist_lost_total'),
    persist_errors: sum(end, 'ingest_persistence_errors_total'),
    leader_terms: total.leaderTerms,
    fenced_frames: total.fenced,
    subscription_dropped: samples.some((x) => x.subscriptionUp === 0 && x.t > floodStart),
  };
  const runAccountingOk =
    notHandled === 0 &&
    runAccounting.unaccounted_in === 0 &&
    runAccounting.unaccounted_out === 0 &&
    runAccounting.accepted_vs_expected === 0 &&
    runAccounting.rejected_vs_expected === 0 &&
    runRowsWithIds === runRows;
  const mem = memoryOf(ingest.pid);
  const rssPeak = Math.max(mem?.peakMb ?? 0, ...samples.map((s) => s.peakMb));
  const peakSample = samples.reduce((a, b) => (b.rssMb > a.rssMb ? b : a), samples[0] as Sample);
  await monitor.stop();
  const stopStart = performance.now();
  const exit = await ingest.stop(20_000);
  const stopMs = performance.now() - stopStart;
  publisher.send({ cmd: 'exit' });
  let profile: { flood: ProfileSummary; latency: ProfileSummary } | undefined;
  let profileFile: string | undefined;
  if (CPU_PROF) {
    const file = readdirSync(PROF_DIR).find((name) => name.endsWith('.cpuprofile') && name.includes(`.${ingest.pid}.`));
    profileFile = file ? `${PROF_DIR}/${file}` : undefined;
    if (profileFile) profile = { flood: summarizeProfile(profileFile, 25, floodWindow), latency: summarizeProfile(profileFile, 25, latencyWindow) };
  }

  // ── report ──
  const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const ratio = ingestMsgRate / bareRate;
  const throughputOk = acceptedSteady >= TARGETS.eventsPerSec && ratio >= TARGETS.ofBare && accountingOk;
  const latencyOk = latency.p99_ms <= TARGETS.p99Ms && latency.missing === 0;
  const persistOk = persistence.rows_per_s >= TARGETS.rowsPerSec && persistence.kept_pace && rowsShort === 0;
  const rssOk = rssPeak <= TARGETS.rssMb;
  const rows: [string, string, string, string][] = [
    ['bare ioredis subscriber (the ceiling)', `${fmt(bareRate)} msgs/s`, '', ''],
    ['  publisher meanwhile', `${fmt(barePublisherRate)} msgs/s`, '', ''],
    ['ingest received, flood', `${fmt(ingestMsgRate)} msgs/s`, `≥ ${TARGETS.ofBare * 100}% of bare`, `${(ratio * 100).toFixed(0)}% ${pass(ratio >= TARGETS.ofBare)}`],
    ['ingest accepted, flood (10-90%)', `${fmt(acceptedSteady)} events/s`, `≥ ${fmt(TARGETS.eventsPerSec)}`, pass(acceptedSteady >= TARGETS.eventsPerSec)],
    ['  ingest CPU per message', `${ingestCpuUsPerMsg.toFixed(1)} µs`, '', `~${fmt(1e6 / ingestCpuUsPerMsg)} msgs/s/core`],
    [
      'accounting, flood',
      `unaccounted ${accounting.unaccounted_in + accounting.unaccounted_out + accounting.lost_in_pubsub}, rows short ${rowsShort}`,
      '0, = publisher decode',
      pass(accountingOk),
    ],
    [
      '  whole run (all phases)',
      notHandled === 0 ? `unaccounted ${(runAccounting.unaccounted_in ?? 0) + runAccounting.unaccounted_out}, rows short ${runRows - runRowsWithIds}` : `${fmt(notHandled)} msgs not handled`,
      '0',
      notHandled === 0 ? pass(runAccountingOk) : `FAIL: ${fmt(total.standby)} standby, ${fmt(notHandled - total.standby)} dropped by Redis`,
    ],
    [`priority p50 / p99 @ ${fmt(latency.events_per_s)} ev/s`, `${latency.p50_ms.toFixed(2)} / ${latency.p99_ms.toFixed(2)} ms`, `p99 ≤ ${TARGETS.p99Ms} ms`, pass(latencyOk)],
    [`persistence @ ${fmt(persistence.offered_events_per_s)} ev/s`, `${fmt(persistence.rows_per_s)} rows/s`, `≥ ${fmt(TARGETS.rowsPerSec)}, kept pace`, `${persistence.kept_pace ? 'kept pace' : 'fell behind'} ${pass(persistOk)}`],
    ['  backlog peak (steady / flood)', `${persistence.backlog_peak_entries} / ${fmt(catchUp.backlog_peak_entries)} entries`, '', '≤ 500 events each'],
    ['  store writer catching up', `${fmt(catchUp.rows_per_s_after_flood)} rows/s`, '', ''],
    ['ingest RSS peak (VmHWM)', `${fmt(rssPeak)} MB`, `≤ ${TARGETS.rssMb} MB`, pass(rssOk)],
  ];
  const line = (c: string[]) => c.map((x, i) => x.padEnd([38, 30, 24, 20][i] ?? 10)).join('');
  console.log('\nresults');
  console.log(line(['', 'measured', 'target', 'result']));
  for (const r of rows) console.log(line(r));
  console.log(
    `\naccounting, flood: received ${fmt(f.received)} + batch items ${fmt(flood.batchExpansion)} = accepted ${fmt(f.accepted)} + rejected ${fmt(f.rejected)}; ` +
      `accepted ${fmt(f.accepted)} = sent ${fmt(f.sent)} + deduplicated/conflated ${fmt(f.deduplicated)} + dropped ${fmt(f.dropped)} (+ pending ${accounting.unaccounted_out}); ` +
      `the publisher's decode expected ${fmt(flood.accepted)} accepted, ${fmt(flood.rejected)} rejected`,
  );
  console.log(
    `accounting, whole run: published ${fmt(published)}, received ${fmt(total.received)}, accepted ${fmt(total.accepted)} (expected ${fmt(expect('accepted'))}), ` +
      `rejected ${fmt(total.rejected)} (expected ${fmt(expect('rejected'))}), sent ${fmt(total.sent)} + dedup ${fmt(total.deduplicated)} + dropped ${fmt(total.dropped)}; ` +
      `rows ${fmt(runRowsWithIds)} of ${fmt(runRows)} distinct ids sent (+ health/session rows), store errors ${runAccounting.persist_errors}, ` +
      `persist-lost metric ${runAccounting.persist_lost_metric}`,
  );
  if (notHandled > 0 || total.leaderTerms > 1 || runAccounting.subscription_dropped) {
    console.log(
      `  NOT HANDLED: ${fmt(notHandled)} messages — ${fmt(total.standby)} skipped while the lease had lapsed (${total.leaderTerms - 1} re-election(s), ${fmt(total.fenced)} frames fenced), ` +
        `${fmt(notHandled - total.standby)} dropped by Redis${runAccounting.subscription_dropped ? ' (the subscription went down: output buffer limit)' : ''}. ` +
        'The ingest fell behind (see the CPU table).',
    );
  }
  for (const n of floodNotes) console.log(`  flood: ${n}`);
  console.log(
    `rows after the flood, by table (stored/distinct ids sent): ${Object.entries(floodRows)
      .map(([t, n]) => `${t} ${fmt(n)}/${fmt(flood.distinctIdsByTable[t] ?? NaN)}`)
      .join(', ')}`,
  );
  const cpuLine = (label: string, c: Record<string, number>) =>
    `  ${label.padEnd(24)} ${Object.entries(c)
      .map(([k, v]) => `${k} ${v.toFixed(2)}`)
      .join(', ')}`;
  console.log('\ncores used (1.00 = one core busy):');
  console.log(cpuLine('1 flood → bare', bareCpu));
  console.log(cpuLine('2 flood → ingest', floodCpu));
  console.log(cpuLine('2 store writer catch-up', catchUp.cpu_cores));
  console.log(cpuLine(`3 steady ${fmt(PERSIST_RATE)}/s`, persistence.cpu_cores));
  console.log(cpuLine(`4 latency ${fmt(LATENCY_RATE)}/s`, latency.cpu_cores));
  console.log(
    `\ningest memory: RSS ${fmt(idleMem?.rssMb ?? NaN)} MB at rest → peak ${fmt(rssPeak)} MB; at the highest RSS sample: heap used ${fmt(peakSample.heapUsedMb)} MB ` +
      `of ${fmt(peakSample.heapTotalMb)} MB, external ${fmt(peakSample.externalMb)} MB. Event-loop lag p99 (prom-client): max ${fmt(Math.max(...samples.map((s) => s.loopLagP99Ms)))} ms.` +
      ` SIGTERM → exit ${exit} in ${fmt(stopMs)} ms`,
  );
  const warnings: string[] = [];
  if (background > 0.25) warnings.push(`${background.toFixed(2)} cores before the run`);
  for (const [phase, c] of [['1', bareCpu], ['2', floodCpu], ['3', persistence.cpu_cores], ['4', latency.cpu_cores]] as const) {
    const other = c['other processes'] ?? 0;
    if (other > 0.25) warnings.push(`${other.toFixed(2)} cores in phase ${phase}`);
  }
  if (warnings.length > 0) console.log(`\nWARNING: other processes on this machine used ${warnings.join(', ')}: rates and tails are pessimistic; CPU per message holds better.`);
  if (profile) {
    console.log(`\ningest CPU profile (${profileFile}):`);
    printProfile(profile.flood, 20, 'phase 2, the flood');
    printLongTasks(profile.latency, 'phase 4, latency');
  }

  const result = {
    bench: 'ingest',
    at: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? null,
    cores: cpus().length,
    runtime_s: (performance.now() - wallStart) / 1000,
    background_cores_busy: background,
    warnings,
    settings: { ingest: INGEST_RUNTIME, ingest_node_args: INGEST_NODE_ARGS, messages: MESSAGES, persist_rate: PERSIST_RATE, latency_rate: LATENCY_RATE, paced_seconds: PACED_SECONDS, ...STREAMING, redis: redis.source, postgres: db.server.source },
    pools: prepared.pools,
    baseline: { bare_msgs_per_s: bareRate, publisher_msgs_per_s: barePublisherRate, publisher: bareFlood, cpu_cores: bareCpu },
    throughput: {
      received_msgs_per_s: ingestMsgRate,
      accepted_events_per_s_steady: acceptedSteady,
      accepted_events_per_s_avg: f.accepted / receiveSecs,
      of_bare: ratio,
      ingest_cpu_us_per_msg: ingestCpuUsPerMsg,
      publisher: ingestFlood,
      cpu_cores: floodCpu,
    },
    accounting: { flood: { ...accounting, ok: accountingOk }, run: { ...runAccounting, ok: runAccountingOk } },
    store_writer_after_flood: catchUp,
    persistence,
    latency,
    memory: { rest_rss_mb: idleMem?.rssMb ?? null, peak_rss_mb: rssPeak, at_peak: peakSample },
    samples: samples.map((s) => ({ ...s, t: Math.round(s.t - floodStart) })),
    profile: profile ? { file: profileFile, ...profile } : null,
    targets: { ...TARGETS, throughput: throughputOk, latency: latencyOk, persistence: persistOk, rss: rssOk, met: throughputOk && latencyOk && persistOk && rssOk },
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(`${RESULTS_DIR}/ingest.json`, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwrote ${RESULTS_DIR}/ingest.json (${result.runtime_s.toFixed(0)} s)`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
