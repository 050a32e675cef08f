// Soak benchmark (issue 7, "Soak"): BENCH_SOAK_MINUTES (30) at BENCH_RATE events/s (2,000) from
// the simulator into the real stack (`npm start`: Redis, PostgreSQL, ingest, query, fanout,
// dashboard, each its own process; soak-stack.ts), with BENCH_CLIENTS raw WebSocket clients
// (2,000) on the fanout in BENCH_GENERATORS load-generator processes (soak-load.ts) that count
// every frame. Run: npm run bench:soak (or npm run soak -w @tickstock/bench).
//
// Reported:
//  - memory of every service: before the load, after BENCH_WARMUP_SECONDS (60) of it (the
//    start), at the end and its peak; target: no service grows more than 10%, judged on the
//    highest RSS in the first window after the warm-up against the highest in the last window;
//  - event accounting: what the simulator published = what the ingest received; received =
//    accepted + rejected; accepted = sent + deduplicated + dropped by the buffer; frames the
//    ingest appended = frames in the stream (a reader here counts them); every client received
//    every one of those frames, once, in order. Target: nothing unaccounted;
//  - latency per BENCH_WINDOW_MINUTES window (5): stream append (the seq) → client receipt for
//    every frame of every client (p50/p99/max, all frames and priority patterns), and producer
//    timestamp → receipt of each event for one client per generator;
//  - CPU per service and the other processes' load (a shared 2-core box skews latencies).
// Env: BENCH_RATE, BENCH_CLIENTS, BENCH_GENERATORS (2), BENCH_SYMBOLS (500), BENCH_SOAK_MINUTES,
// BENCH_WINDOW_MINUTES, BENCH_WARMUP_SECONDS, STREAMING_* (handed to the ingest).
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createRedisBus } from '@tickstock/bus';
import { FRAME_FIELD, SERVICE_KEYS } from '@tickstock/contracts';
import { exited, ROOT, spawnTs } from './fanout-proc';
import { fmt, parseMetrics, sum } from './ingest-support';
import { backgroundLoad, coresBetween, cpuSnap, formatCores, type Groups } from './soak-proc';
import { ask, histogramStats, mergeHistograms, type CountsReport, type HistogramStats, type WindowReport } from './soak-protocol';
import { SERVICES, serviceGroups, startSimulator, startStack, type Service, type SimulatorSummary, type Stack } from './soak-stack';

const envNum = (name: string, dflt: number) => {
  const v = Number(process.env[name] ?? dflt);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number`);
  return v;
};
const RATE = envNum('BENCH_RATE', 2000);
const CLIENTS = envNum('BENCH_CLIENTS', 2000);
const GENERATORS = envNum('BENCH_GENERATORS', 2);
const SYMBOLS = envNum('BENCH_SYMBOLS', 500);
const MINUTES = envNum('BENCH_SOAK_MINUTES', 30);
const WINDOW_MIN = envNum('BENCH_WINDOW_MINUTES', 5);
const WARMUP_S = envNum('BENCH_WARMUP_SECONDS', 60);
const STREAMING = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith('STREAMING_') && e[1] !== undefined));
/** The stack's services use the default key prefix (packages/config: REDIS_KEY_PREFIX). */
const PREFIX = 'tsx:';
const TARGETS = { rssGrowth: 0.1, unaccounted: 0 };
const RSS_EVERY_MS = 10_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Memory = Record<Service, number>;
type IngestCounters = ReturnType<typeof ingestCounters>;

function ingestCounters(text: string) {
  const m = parseMetrics(text);
  return {
    received: sum(m, 'ingest_messages_received_total'),
    accepted: sum(m, 'ingest_events_accepted_total'),
    rejected: sum(m, 'ingest_messages_rejected_total'),
    sent: sum(m, 'ingest_events_sent_total'),
    deduplicated: sum(m, 'ingest_events_deduplicated_total'),
    dropped: sum(m, 'ingest_events_dropped_total'),
    framesOut: sum(m, 'ingest_frames_out_total'),
    standby: sum(m, 'ingest_messages_standby_total'),
    persisted: sum(m, 'ingest_events_persisted_total'),
    persistLost: sum(m, 'ingest_events_persist_lost_total'),
  };
}

function fanoutCounters(text: string) {
  const m = parseMetrics(text);
  return {
    framesRead: sum(m, 'fanout_stream_frames_read_total'),
    framesOut: sum(m, 'fanout_frames_out_total'),
    slowConsumerCloses: sum(m, 'fanout_slow_consumer_closes_total'),
    closed: sum(m, 'fanout_connections_closed_total'),
    connections: sum(m, 'fanout_connections'),
  };
}

const minus = <T extends Record<string, number>>(b: T, a: T) => Object.fromEntries(Object.keys(b).map((k) => [k, (b[k] ?? 0) - (a[k] ?? 0)])) as T;

/** Counts the frames-stream entries appended after it starts: "frames in the stream", whatever the stream's MAXLEN trims. */
function startFramesReader(redisUrl: string) {
  const bus = createRedisBus({ url: redisUrl, prefix: PREFIX, name: 'soak-bench-reader' });
  const abort = new AbortController();
  const counts = { frames: 0, priority: 0 };
  let ready: () => void = () => undefined;
  const started = new Promise<void>((r) => (ready = r));
  const loop = (async () => {
    let lastId = (await bus.streamInfo(SERVICE_KEYS.framesStream)).lastId ?? '0-0';
    ready();
    while (!abort.signal.aborted) {
      const entries = await bus.read(SERVICE_KEYS.framesStream, lastId, { count: 5_000, blockMs: 500, signal: abort.signal });
      for (const e of entries) {
        lastId = e.id;
        counts.frames++;
        if (e.fields[FRAME_FIELD]?.startsWith('{"event":"streaming_pattern"')) counts.priority++;
      }
    }
  })();
  return {
    counts,
    started,
    /** Entries held now: Redis's memory is mostly these streams, capped by the ingest's MAXLENs. */
    async lengths() {
      const [frames, events] = await Promise.all([bus.streamInfo(SERVICE_KEYS.framesStream), bus.streamInfo(SERVICE_KEYS.eventsStream)]);
      return { frames: frames.length, events: events.length };
    },
    async stop() {
      abort.abort();
      await loop;
      await bus.close();
    },
  };
}

type WindowResult = {
  index: number;
  fromS: number;
  toS: number;
  framesAppended: number;
  delivered: number;
  latency: { all: HistogramStats; priority: HistogramStats; producerPriority: HistogramStats; producerBatched: HistogramStats };
  ingest: IngestCounters;
  fanout: ReturnType<typeof fanoutCounters>;
  memory: Memory;
  streams: { frames: number; events: number };
  cores: Record<string, number>;
};

async function main(): Promise<void> {
  const started = Date.now();
  console.log(
    `soak bench: node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'}); ${MINUTES} min at ${fmt(RATE)} events/s over ${SYMBOLS} symbols ` +
      `(every payload generation), ${fmt(CLIENTS)} WebSocket clients in ${GENERATORS} generators, windows of ${WINDOW_MIN} min, memory start after ${WARMUP_S} s; buffer ${JSON.stringify(STREAMING)}`,
  );
  const background = await backgroundLoad();
  console.log(`background load before the run: ${background['other processes']?.toFixed(2)} cores busy with other processes (${formatCores(background)})`);

  let stack: Stack | undefined;
  const generators: ChildProcess[] = [];
  let reader: ReturnType<typeof startFramesReader> | undefined;
  let sim: ReturnType<typeof startSimulator> | undefined;
  try {
    console.log('starting the stack (npm start -- --no-simulator) ...');
    // No per-IP connection rate limit: every client comes from a handful of loopback addresses.
    stack = await startStack({ env: { FANOUT_CONN_RATE_PER_IP: '0', ...STREAMING } });
    const s = stack;
    console.log(`  up: ${Object.entries(s.pids).map(([k, v]) => `${k} ${v}`).join(', ')}`);

    // ── clients ──
    const perGenerator = Math.ceil(CLIENTS / GENERATORS);
    for (let g = 0; g < GENERATORS; g++) {
      const count = Math.min(perGenerator, CLIENTS - g * perGenerator);
      generators.push(
        spawnTs('src/soak-load.ts', {
          cwd: join(ROOT, 'tools/bench'),
          // Each generator its own loopback source address: thousands of ports from one address crowd the ephemeral range.
          env: { PORT: String(s.ports.fanout), COUNT: String(count), LOCAL_ADDRESS: `127.0.77.${g + 1}`, JWT_SECRET: s.jwtSecret, SAMPLE: '1' },
          ipc: true,
        }),
      );
    }
    const connects = await Promise.all(generators.map((g) => ask(g, 'connect', undefined, 300_000)));
    const connected = connects.reduce((n, c) => n + c.connected, 0);
    console.log(`  ${fmt(connected)} of ${fmt(CLIENTS)} clients connected in ${fmt(Math.max(...connects.map((c) => c.ms)))} ms${connected < CLIENTS ? ' (SOME FAILED)' : ''}`);
    // Delivery starts FANOUT_RESUME_WINDOW_MS (500 ms) after welcome; the reader counts from here.
    await sleep(2_000);
    reader = startFramesReader(s.redisUrl);
    await reader.started;

    const groups: Groups = { ...serviceGroups(s), ...Object.fromEntries(generators.map((g, i) => [`generator ${i + 1}`, g.pid as number])) };
    const memIdle = s.memory();
    const ingest0 = ingestCounters(await s.metrics('ingest'));
    const fanout0 = fanoutCounters(await s.metrics('fanout'));
    await Promise.all(generators.map((g) => ask(g, 'window'))); // empty the histograms of the connect phase

    // ── the load ──
    sim = startSimulator({ redisUrl: s.redisUrl, rate: RATE, symbols: SYMBOLS, durationS: Math.round(MINUTES * 60) });
    groups.simulator = sim.pid;
    const t0 = Date.now();
    const memSamples: { t: number; memory: Memory }[] = [];
    let memStart: Memory | undefined;
    const sampler = setInterval(() => {
      const memory = s.memory();
      memSamples.push({ t: Date.now() - t0, memory });
      if (!memStart && Date.now() - t0 >= WARMUP_S * 1000) memStart = memory;
    }, RSS_EVERY_MS);
    console.log(`load for ${MINUTES} min ...`);

    const windows: WindowResult[] = [];
    const windowCount = Math.ceil(MINUTES / WINDOW_MIN);
    let [c0, i0, f0, framesBefore, deliveredBefore] = [cpuSnap(groups), ingest0, fanout0, 0, 0];
    for (let w = 1; w <= windowCount; w++) {
      const endAt = t0 + Math.min(w * WINDOW_MIN, MINUTES) * 60_000;
      await sleep(Math.max(0, endAt - Date.now()));
      const reports = await Promise.all(generators.map((g) => ask(g, 'window')));
      const [c1, i1, f1] = [cpuSnap(groups), ingestCounters(await s.metrics('ingest')), fanoutCounters(await s.metrics('fanout'))];
      const delivered = reports.reduce((n, r) => n + r.frames, 0);
      const merged = (k: keyof Pick<WindowReport, 'all' | 'priority' | 'producerPriority' | 'producerBatched'>) => histogramStats(mergeHistograms(reports.map((r) => r[k])));
      const result: WindowResult = {
        index: w,
        fromS: (w - 1) * WINDOW_MIN * 60,
        toS: Math.min(w * WINDOW_MIN, MINUTES) * 60,
        framesAppended: reader.counts.frames - framesBefore,
        delivered: delivered - deliveredBefore,
        latency: { all: merged('all'), priority: merged('priority'), producerPriority: merged('producerPriority'), producerBatched: merged('producerBatched') },
        ingest: minus(i1, i0),
        fanout: minus(f1, f0),
        memory: s.memory(),
        streams: await reader.lengths(),
        cores: coresBetween(c0, c1),
      };
      windows.push(result);
      printWindow(result, connected);
      [c0, i0, f0, framesBefore, deliveredBefore] = [c1, i1, f1, reader.counts.frames, delivered];
    }
    clearInterval(sampler);
    const memEnd = s.memory();
    const simSummary = await sim.done;
    sim = undefined;

    // ── drain: the last flush, the session's end, every client's last frames ──
    let expected = reader.counts.frames;
    let counts: CountsReport[] = [];
    const drainDeadline = Date.now() + 60_000;
    for (let stableSince = Date.now(); Date.now() < drainDeadline; ) {
      await sleep(1_000);
      counts = await Promise.all(generators.map((g) => ask(g, 'counts', { expected: reader!.counts.frames })));
      if (reader.counts.frames !== expected) [expected, stableSince] = [reader.counts.frames, Date.now()];
      const settled = counts.every((c) => c.short === 0) || Date.now() - stableSince > 5_000;
      if (settled && Date.now() - stableSince >= 2_000) break;
    }
    const ingestEnd = ingestCounters(await s.metrics('ingest'));
    const fanoutEnd = fanoutCounters(await s.metrics('fanout'));
    report({ windows, memIdle, memStart: memStart ?? memSamples[0]?.memory ?? memIdle, memEnd, memSamples, counts, expected, connected, ingest: minus(ingestEnd, ingest0), fanout: minus(fanoutEnd, fanout0), sim: simSummary, reader: reader.counts, background, stack: s, started });
  } finally {
    await sim?.stop().catch(() => undefined);
    await reader?.stop().catch((err: unknown) => console.error('frames reader:', err));
    await Promise.all(generators.map((g) => ask(g, 'close', undefined, 10_000).catch(() => undefined)));
    generators.forEach((g) => g.kill('SIGKILL'));
    await Promise.all(generators.map(exited));
    if (stack) {
      console.log('stopping the stack ...');
      await stack.stop();
    }
  }
}

const ms = (s: HistogramStats) => `${fmt(s.p50)}/${fmt(s.p99)}/${fmt(s.max)}`;

function printWindow(w: WindowResult, clients: number): void {
  const i = w.ingest;
  console.log(
    `window ${w.index} (${w.fromS / 60}-${w.toS / 60} min): ${fmt(w.framesAppended)} frames appended (${fmt(w.framesAppended / (w.toS - w.fromS))}/s), ` +
      `${fmt(w.delivered)} delivered (${fmt(w.framesAppended * clients)} = frames × clients, edges aside)\n` +
      `  append → client p50/p99/max ms: all frames ${ms(w.latency.all)}, priority ${ms(w.latency.priority)}; ` +
      `producer → client (one client per generator): priority ${ms(w.latency.producerPriority)}, batched items ${ms(w.latency.producerBatched)}\n` +
      `  ingest: received ${fmt(i.received)}, accepted ${fmt(i.accepted)}, rejected ${fmt(i.rejected)}, sent ${fmt(i.sent)}, deduplicated ${fmt(i.deduplicated)}, dropped ${fmt(i.dropped)}, stored ${fmt(i.persisted)}\n` +
      `  memory MB: ${SERVICES.map((s) => `${s} ${w.memory[s].toFixed(0)}`).join(', ')}; held in Redis: frames stream ${fmt(w.streams.frames)} entries, events stream ${fmt(w.streams.events)}\n` +
      `  cores: ${formatCores(w.cores)}`,
  );
}

function report(r: {
  windows: WindowResult[];
  memIdle: Memory;
  memStart: Memory;
  memEnd: Memory;
  memSamples: { t: number; memory: Memory }[];
  counts: CountsReport[];
  expected: number;
  connected: number;
  ingest: IngestCounters;
  fanout: ReturnType<typeof fanoutCounters>;
  sim: SimulatorSummary;
  reader: { frames: number; priority: number };
  background: Record<string, number>;
  stack: Stack;
  started: number;
}): void {
  const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const i = r.ingest;
  const delivered = r.counts.reduce((n, c) => n + c.total, 0);
  const short = r.counts.reduce((n, c) => n + c.short, 0);
  const over = r.counts.reduce((n, c) => n + c.over, 0);
  const outOfOrder = r.counts.reduce((n, c) => n + c.outOfOrder, 0);
  const closes = r.counts.reduce((n, c) => n + c.closes, 0);
  const accounting = {
    published: r.sim.messages,
    not_received: r.sim.messages - i.received,
    received_minus_accepted_rejected: i.received - i.accepted - i.rejected,
    accepted_minus_sent_dedup_dropped: i.accepted - i.sent - i.deduplicated - i.dropped,
    frames_appended_by_ingest: i.framesOut,
    frames_in_stream: r.reader.frames,
    frames_not_in_stream: i.framesOut - r.reader.frames,
    delivered,
    expected_delivered: r.reader.frames * r.connected,
    undelivered: r.reader.frames * r.connected - delivered,
    clients_short: short,
    clients_over: over,
    out_of_order: outOfOrder,
    unexpected_closes: closes,
    slow_consumer_closes: r.fanout.slowConsumerCloses,
    persist_lost: i.persistLost,
  };
  const unaccounted =
    Math.abs(accounting.not_received) +
    Math.abs(accounting.received_minus_accepted_rejected) +
    Math.abs(accounting.accepted_minus_sent_dedup_dropped) +
    Math.abs(accounting.frames_not_in_stream) +
    Math.abs(accounting.undelivered) +
    short +
    over +
    outOfOrder +
    closes;
  const peak = Object.fromEntries(SERVICES.map((s) => [s, Math.max(r.memEnd[s], ...r.memSamples.map((m) => m.memory[s]))])) as Memory;
  const growth = Object.fromEntries(SERVICES.map((s) => [s, (r.memEnd[s] - r.memStart[s]) / r.memStart[s]])) as Memory;
  // Half-way: growth that stopped there (warming up, a capped stream filling) is told apart from growth that goes on.
  const half = r.memSamples.reduce<{ t: number; memory: Memory } | undefined>((best, m) => (!best || Math.abs(m.t - MINUTES * 30_000) < Math.abs(best.t - MINUTES * 30_000) ? m : best), undefined);
  const memHalf = half?.memory ?? r.memStart;
  const growthSecondHalf = Object.fromEntries(SERVICES.map((s) => [s, (r.memEnd[s] - memHalf[s]) / memHalf[s]])) as Memory;
  // A garbage-collected heap is a sawtooth: two single samples can differ by a GC cycle. The highest
  // RSS in the first window after the warm-up against the highest in the last window is the judged
  // growth (a leak raises the peaks too); the single samples are shown beside it.
  const windowMs = WINDOW_MIN * 60_000;
  const peakIn = (from: number, to: number) =>
    Object.fromEntries(SERVICES.map((s) => [s, Math.max(0, ...r.memSamples.filter((m) => m.t >= from && m.t <= to).map((m) => m.memory[s]).filter(Number.isFinite))])) as Memory;
  const firstPeak = peakIn(WARMUP_S * 1000, WARMUP_S * 1000 + windowMs);
  const lastPeak = peakIn(MINUTES * 60_000 - windowMs, MINUTES * 60_000 + 60_000);
  const peakGrowth = Object.fromEntries(SERVICES.map((s) => [s, firstPeak[s] > 0 && lastPeak[s] > 0 ? (lastPeak[s] - firstPeak[s]) / firstPeak[s] : growth[s]])) as Memory;
  const rssOk = SERVICES.every((s) => peakGrowth[s] <= TARGETS.rssGrowth);

  console.log(`\nresults (simulator: ${r.sim.text.split('\n')[1]?.trim() ?? ''})`);
  console.log(`memory per service, MB (PostgreSQL: Pss of the postmaster and its backends; the others VmRSS); start = after ${WARMUP_S} s of load`);
  const pct = (g: number) => `${g >= 0 ? '+' : ''}${(g * 100).toFixed(1)}%`;
  console.log(
    `  ${'service'.padEnd(10)} ${'idle'.padStart(8)} ${'start'.padStart(8)} ${`@${((half?.t ?? 0) / 60_000).toFixed(1)} min`.padStart(10)} ${'end'.padStart(8)} ${'peak'.padStart(8)} ${'growth'.padStart(8)} ${'2nd half'.padStart(9)} ${'1st win pk'.padStart(11)} ${'last win pk'.padStart(12)} ${'pk growth'.padStart(10)}   target (pk growth) ≤ +${TARGETS.rssGrowth * 100}%`,
  );
  for (const s of SERVICES) {
    const g = growth[s];
    console.log(
      `  ${s.padEnd(10)} ${r.memIdle[s].toFixed(1).padStart(8)} ${r.memStart[s].toFixed(1).padStart(8)} ${memHalf[s].toFixed(1).padStart(10)} ${r.memEnd[s].toFixed(1).padStart(8)} ${peak[s].toFixed(1).padStart(8)} ${pct(g).padStart(8)} ${pct(growthSecondHalf[s]).padStart(9)} ${firstPeak[s].toFixed(1).padStart(11)} ${lastPeak[s].toFixed(1).padStart(12)} ${pct(peakGrowth[s]).padStart(10)}   ${pass(peakGrowth[s] <= TARGETS.rssGrowth)}`,
    );
  }
  const last = r.windows.at(-1);
  if (last) console.log(`  Redis holds the capped streams: frames ${fmt(last.streams.frames)} entries (FRAMES_STREAM_MAXLEN, 100,000 by default), events ${fmt(last.streams.events)} at the end`);
  console.log('event accounting (whole run)');
  const acc = (label: string, value: string, ok: boolean) => console.log(`  ${label.padEnd(62)} ${value.padEnd(44)} ${pass(ok)}`);
  acc('simulator published = ingest received', `${fmt(r.sim.messages)} = ${fmt(i.received)}`, accounting.not_received === 0);
  acc('received = accepted + rejected', `${fmt(i.received)} = ${fmt(i.accepted)} + ${fmt(i.rejected)}`, accounting.received_minus_accepted_rejected === 0);
  acc('accepted = sent + deduplicated + dropped (buffer full)', `${fmt(i.accepted)} = ${fmt(i.sent)} + ${fmt(i.deduplicated)} + ${fmt(i.dropped)}`, accounting.accepted_minus_sent_dedup_dropped === 0);
  acc('frames the ingest appended = frames in the stream', `${fmt(i.framesOut)} = ${fmt(r.reader.frames)}`, accounting.frames_not_in_stream === 0);
  acc(`frames delivered = frames in the stream × ${fmt(r.connected)} clients`, `${fmt(delivered)} = ${fmt(accounting.expected_delivered)}`, accounting.undelivered === 0);
  acc('clients short / over / out of order / closed', `${short} / ${over} / ${outOfOrder} / ${closes} (4008 closes: ${r.fanout.slowConsumerCloses})`, short + over + outOfOrder + closes === 0);
  console.log(`  unaccounted: ${fmt(unaccounted)}   ${pass(unaccounted === TARGETS.unaccounted)}; store: ${fmt(i.persisted)} rows stored, ${fmt(i.persistLost)} lost before storing`);
  console.log('latency per window, ms (p50/p99/max)');
  console.log(`  ${'window'.padEnd(12)} ${'append→client, all'.padEnd(22)} ${'priority'.padEnd(18)} ${'producer→client prio'.padEnd(22)} ${'batched items'.padEnd(18)} other processes (cores)`);
  for (const w of r.windows) {
    console.log(
      `  ${`${w.fromS / 60}-${w.toS / 60} min`.padEnd(12)} ${ms(w.latency.all).padEnd(22)} ${ms(w.latency.priority).padEnd(18)} ${ms(w.latency.producerPriority).padEnd(22)} ${ms(w.latency.producerBatched).padEnd(18)} ${(w.cores['other processes'] ?? 0).toFixed(2)}`,
    );
  }
  const others = [r.background['other processes'] ?? 0, ...r.windows.map((w) => w.cores['other processes'] ?? 0)];
  console.log(`background load (other processes, cores): before ${others[0]!.toFixed(2)}, per window ${others.slice(1).map((x) => x.toFixed(2)).join(' ')}`);
  const warnings = others.some((x) => x > 0.25) ? [`other processes used up to ${Math.max(...others).toFixed(2)} cores: latencies are pessimistic`] : [];
  for (const w of warnings) console.log(`WARNING: ${w}`);

  const result = {
    bench: 'soak',
    at: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? null,
    cores: cpus().length,
    runtime_s: (Date.now() - r.started) / 1000,
    settings: { rate: RATE, clients: CLIENTS, generators: GENERATORS, symbols: SYMBOLS, minutes: MINUTES, window_minutes: WINDOW_MIN, warmup_s: WARMUP_S, streaming: STREAMING },
    background_cores_busy: r.background['other processes'] ?? null,
    background_before: r.background,
    warnings,
    pids: r.stack.pids,
    simulator: r.sim,
    memory: { idle: r.memIdle, start: r.memStart, half: { t_s: (half?.t ?? 0) / 1000, memory: memHalf }, end: r.memEnd, peak, growth, growth_second_half: growthSecondHalf, first_window_peak: firstPeak, last_window_peak: lastPeak, peak_growth: peakGrowth, samples: r.memSamples },
    accounting: { ...accounting, unaccounted, ingest: r.ingest, fanout: r.fanout, generators: r.counts },
    windows: r.windows,
    targets: { ...TARGETS, rss: rssOk, accounting: unaccounted === 0, met: rssOk && unaccounted === 0 },
  };
  const dir = join(ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'soak.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwrote ${join(dir, 'soak.json')} (${fmt(result.runtime_s)} s)`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
