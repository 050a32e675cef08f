// Dashboard benchmark (issue 6, "Measured"): the simulator at 1,000 events/s into the real stack
// (`npm start`: Redis, PostgreSQL, ingest, query, fanout and the built dashboard, each its own
// process; soak-stack.ts) and one real browser (Debian's Chromium) on /streaming.
// Run: npm run bench:dashboard (or npm run dashboard -w @tickstock/bench). ~12 minutes.
//
// Over a BENCH_SECONDS window (60), after BENCH_WARMUP_SECONDS (20):
//  - producer publish → row on screen, for batched items (patterns and indicators that waited for
//    the buffer's flush) and priority patterns (sent at once). Each event carries its producer
//    timestamp (the simulator stamps it as it publishes; the ingest keeps it as the normalized
//    event's `timestamp`); the dashboard, with row timing on (apps/dashboard/src/lib/perf/
//    row-timing.ts), turns every live row it paints into a 'tickstock:row' performance.measure
//    from that timestamp to the task after the paint. Producer, browser and bench share this
//    machine's clock (the page's performance.timeOrigin + now()).
//  - the renderer main thread's busy share: CDP Performance.getMetrics TaskDuration over wall time;
//  - the JS heap after a forced GC (CDP HeapProfiler.collectGarbage) at the window's start and end;
// then a heap soak of BENCH_SOAK_MINUTES (10) with the same load: heap after GC every
// BENCH_HEAP_SAMPLE_SECONDS (60), growth from the soak's start to its end; last, a
// BENCH_TRACE_SECONDS (5) Chrome trace of the page: where the main thread's time goes.
// Targets: batched p99 ≤ STREAMING_BUFFER_INTERVAL + 100 ms; priority p99 ≤ 100 ms; main thread
// busy ≤ 25%; heap growth ≤ 10%. CPU per service, and the other processes' load (a shared box).
// Env: BENCH_RATE (1000), BENCH_SYMBOLS (500), BENCH_SECONDS, BENCH_WARMUP_SECONDS,
// BENCH_SOAK_MINUTES, BENCH_HEAP_SAMPLE_SECONDS, BENCH_TRACE_SECONDS (0: none), BENCH_CHROMIUM
// (/usr/bin/chromium), STREAMING_* (handed to the ingest; the documented defaults otherwise),
// BENCH_ROW_TIMING=off (a control run: the dashboard's row timing stays off, so no latencies;
// busy time and heap without it).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { busyBetween, openDashboard, type DashboardPage, type Heap, type MainThread, type RowSample } from './dashboard-browser';
import { summarize, type LatencySummary } from './dashboard-stats';
import { traceMainThread, type MainThreadTrace } from './dashboard-trace';
import { ROOT } from './fanout-proc';
import { fmt, parseMetrics, sum } from './ingest-support';
import { backgroundLoad, coresBetween, cpuSnap, formatCores, processTable, type CpuSnap, type Groups } from './soak-proc';
import { serviceGroups, startSimulator, startStack, type Simulator, type Stack } from './soak-stack';

const envNum = (name: string, dflt: number, min = 1) => {
  const v = Number(process.env[name] ?? dflt);
  if (!Number.isFinite(v) || v < min) throw new Error(`${name} must be a number ≥ ${min}`);
  return v;
};
const RATE = envNum('BENCH_RATE', 1000);
const SYMBOLS = envNum('BENCH_SYMBOLS', 500);
const SECONDS = envNum('BENCH_SECONDS', 60);
const WARMUP_S = envNum('BENCH_WARMUP_SECONDS', 20);
const SOAK_MIN = envNum('BENCH_SOAK_MINUTES', 10, 0);
const HEAP_EVERY_S = envNum('BENCH_HEAP_SAMPLE_SECONDS', 60);
const ROW_TIMING = process.env.BENCH_ROW_TIMING !== 'off';
const TRACE_S = envNum('BENCH_TRACE_SECONDS', 5, 0);
const STREAMING = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith('STREAMING_') && e[1] !== undefined));
const FLUSH_MS = Number(STREAMING.STREAMING_BUFFER_INTERVAL ?? 250);
const TARGETS = { batchedP99Ms: FLUSH_MS + 100, priorityP99Ms: 100, busyShare: 0.25, heapGrowth: 0.1 };
const DRAIN_MS = 2_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Rows drained from the page every DRAIN_MS, for the whole run (latency per window is cut from them by `shown`). */
function startCollector(dash: DashboardPage) {
  const rows: RowSample[] = [];
  let running = true;
  let failure: Error | undefined;
  const loop = (async () => {
    while (running) {
      await sleep(DRAIN_MS);
      try {
        rows.push(...(await dash.drainRows()));
      } catch (err) {
        failure = err instanceof Error ? err : new Error(String(err));
        running = false;
      }
    }
  })();
  return {
    rows,
    between: (from: number, to: number) => rows.filter((r) => r.shown >= from && r.shown < to),
    check() {
      if (failure) throw failure;
    },
    async stop() {
      running = false;
      await loop;
      rows.push(...(await dash.drainRows().catch(() => [])));
    },
  };
}

function chromiumPid(): number | undefined {
  return [...processTable().values()].find((p) => p.ppid === process.pid && p.comm.startsWith('chromium'))?.pid;
}

type Window = { from: number; to: number; latency: LatencySummary; busy: ReturnType<typeof busyBetween>; cores: Record<string, number>; heapStart: Heap; heapEnd: Heap; ingest: Record<string, number> };

async function ingestCounters(stack: Stack) {
  const m = parseMetrics(await stack.metrics('ingest'));
  return {
    received: sum(m, 'ingest_messages_received_total'),
    accepted: sum(m, 'ingest_events_accepted_total'),
    rejected: sum(m, 'ingest_messages_rejected_total'),
    sentPatterns: sum(m, 'ingest_events_sent_total', { stream: 'patterns' }),
    sentIndicators: sum(m, 'ingest_events_sent_total', { stream: 'indicators' }),
    deduplicated: sum(m, 'ingest_events_deduplicated_total'),
    dropped: sum(m, 'ingest_events_dropped_total'),
  };
}

const delta = <T extends Record<string, number>>(a: T, b: T) => Object.fromEntries(Object.keys(b).map((k) => [k, (b[k] ?? 0) - (a[k] ?? 0)])) as T;

async function main(): Promise<void> {
  const started = Date.now();
  console.log(
    `dashboard bench: node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'}); simulator ${fmt(RATE)} events/s over ${SYMBOLS} symbols (every payload generation); ` +
      `${SECONDS} s measured after ${WARMUP_S} s warm-up, then a ${SOAK_MIN}-minute heap soak; row timing ${ROW_TIMING ? 'on' : 'OFF (control run)'}; buffer ${JSON.stringify(STREAMING)} (flush ${FLUSH_MS} ms)`,
  );
  const background = await backgroundLoad();
  console.log(`background load before the run: ${background['other processes']?.toFixed(2)} cores busy with other processes (${formatCores(background)})`);

  let stack: Stack | undefined;
  let dash: DashboardPage | undefined;
  let sim: Simulator | undefined;
  try {
    console.log('starting the stack (npm start -- --no-simulator) ...');
    stack = await startStack({ env: STREAMING });
    console.log(`  up: ${Object.entries(stack.pids).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    dash = await openDashboard({ origin: `http://localhost:${stack.ports.dashboard}`, username: stack.admin.username, password: stack.admin.password, rowTiming: ROW_TIMING });
    const groups: Groups = { ...serviceGroups(stack) };
    const chromium = chromiumPid();
    if (chromium) groups.chromium = chromium;
    const totalS = WARMUP_S + SECONDS + SOAK_MIN * 60 + 60;
    sim = startSimulator({ redisUrl: stack.redisUrl, rate: RATE, symbols: SYMBOLS, durationS: Math.ceil(totalS) });
    groups.simulator = sim.pid;
    const collector = startCollector(dash);

    // ── warm-up: tables fill, the dedupe ring and the rate series grow to their bounds, JIT ──
    console.log(`warm-up ${WARMUP_S} s ...`);
    await sleep(WARMUP_S * 1000);
    collector.check();
    if (ROW_TIMING && collector.rows.length === 0) throw new Error('no row reached the screen during the warm-up: is the simulator publishing and the page live?');

    // ── the measured window ──
    const measureWindow = async (seconds: number, label: string): Promise<Window> => {
      const heapStart = await dash!.heap();
      const [m0, c0, i0, from] = [await dash!.mainThread(), cpuSnap(groups), await ingestCounters(stack!), Date.now()];
      await sleep(seconds * 1000);
      const [m1, c1, i1, to] = [await dash!.mainThread(), cpuSnap(groups), await ingestCounters(stack!), Date.now()];
      const heapEnd = await dash!.heap();
      await sleep(DRAIN_MS + 500); // rows shown before `to` reach the collector
      collector.check();
      const w: Window = { from, to, latency: summarize(collector.between(from, to)), busy: busyBetween(m0, m1), cores: coresBetween(c0, c1), heapStart, heapEnd, ingest: delta(i0, i1) };
      printWindow(label, w);
      return w;
    };
    console.log(`measuring ${SECONDS} s ...`);
    const measured = await measureWindow(SECONDS, 'measured window');

    // ── heap soak ──
    const soak: { at: number; heap: Heap; busy: ReturnType<typeof busyBetween>; latency: LatencySummary; cores: Record<string, number> }[] = [];
    if (SOAK_MIN > 0) {
      console.log(`heap soak ${SOAK_MIN} min (heap after GC every ${HEAP_EVERY_S} s) ...`);
      const soakEnd = Date.now() + SOAK_MIN * 60_000;
      let [m0, c0, from]: [MainThread, CpuSnap, number] = [await dash.mainThread(), cpuSnap(groups), Date.now()];
      while (Date.now() < soakEnd - 1000) {
        await sleep(Math.min(HEAP_EVERY_S * 1000, soakEnd - Date.now()));
        const [m1, c1, to] = [await dash.mainThread(), cpuSnap(groups), Date.now()];
        const heap = await dash.heap();
        collector.check();
        const entry = { at: to, heap, busy: busyBetween(m0, m1), latency: summarize(collector.between(from, to - DRAIN_MS)), cores: coresBetween(c0, c1) };
        soak.push(entry);
        console.log(
          `  +${((to - measured.to) / 60_000).toFixed(1)} min: heap ${entry.heap.usedMb.toFixed(1)} MB used (${entry.heap.nodes} DOM nodes, ${entry.heap.listeners} listeners); ` +
            `main thread busy ${(entry.busy.busy * 100).toFixed(1)}%; rows p99 batched ${fmt(entry.latency.batched.p99, 0)} / priority ${fmt(entry.latency.priority.p99, 0)} ms; ` +
            `other processes ${entry.cores['other processes']?.toFixed(2)} cores`,
        );
        [m0, c0, from] = [await dash.mainThread(), cpuSnap(groups), Date.now()];
      }
    }
    await collector.stop();
    let trace: MainThreadTrace | undefined;
    if (TRACE_S > 0) {
      trace = await traceMainThread(dash.page, TRACE_S * 1000);
      printTrace(trace);
    }
    const simSummary = await sim.stop();
    sim = undefined;
    report(measured, soak, simSummary, background, stack, started, trace);
  } finally {
    await sim?.stop().catch(() => undefined);
    await dash?.close().catch((err: unknown) => console.error('closing the browser:', err));
    if (stack) {
      console.log('stopping the stack ...');
      await stack.stop();
    }
  }
}

function printWindow(label: string, w: Window): void {
  const l = w.latency;
  const line = (name: string, s: LatencySummary['all']) =>
    `  ${name.padEnd(22)} ${fmt(s.count).padStart(7)} rows  p50 ${fmt(s.p50, 0).padStart(5)}  p90 ${fmt(s.p90, 0).padStart(5)}  p99 ${fmt(s.p99, 0).padStart(5)}  max ${fmt(s.max, 0).padStart(6)} ms` +
    `   (to the page p99 ${fmt(s.toPageP99, 0)} ms, page to paint p99 ${fmt(s.onPageP99, 0)} ms)`;
  console.log(`${label}: ${((w.to - w.from) / 1000).toFixed(1)} s, publish → row on screen`);
  console.log(line('batched (all)', l.batched));
  console.log(line('  batched patterns', l.batchedPatterns));
  console.log(line('  batched indicators', l.batchedIndicators));
  console.log(line('priority patterns', l.priority));
  console.log(
    `  main thread busy ${(w.busy.busy * 100).toFixed(1)}% (script ${(w.busy.script * 100).toFixed(1)}%, layout ${(w.busy.layout * 100).toFixed(1)}%, style ${(w.busy.style * 100).toFixed(1)}%, ` +
      `of which the bench's own CDP calls ${(w.busy.devtools * 100).toFixed(1)}%); main thread CPU ${(w.busy.threadCpu * 100).toFixed(1)}%`,
  );
  console.log(`  JS heap after GC ${w.heapStart.usedMb.toFixed(1)} → ${w.heapEnd.usedMb.toFixed(1)} MB; DOM nodes ${w.heapStart.nodes} → ${w.heapEnd.nodes}`);
  console.log(`  cores: ${formatCores(w.cores)}`);
}

function printTrace(t: MainThreadTrace): void {
  console.log(
    `main thread, ${t.seconds.toFixed(1)} s traced after the run (self time by trace event; wall includes time descheduled, CPU does not): ` +
      `busy ${(t.busyWall * 100).toFixed(1)}% wall, ${(t.busyCpu * 100).toFixed(1)}% CPU`,
  );
  for (const s of t.top) console.log(`  ${s.name.padEnd(48)} ${(s.wallShare * 100).toFixed(1).padStart(5)}% wall  ${(s.cpuShare * 100).toFixed(1).padStart(5)}% CPU`);
}

function report(
  w: Window,
  soak: { at: number; heap: Heap; busy: ReturnType<typeof busyBetween>; latency: LatencySummary; cores: Record<string, number> }[],
  sim: Awaited<Simulator['done']>,
  background: Record<string, number>,
  stack: Stack,
  started: number,
  trace: MainThreadTrace | undefined,
): void {
  const soakStart = w.heapEnd;
  const soakEnd = soak.at(-1)?.heap;
  const growth = soakEnd ? (soakEnd.usedMb - soakStart.usedMb) / soakStart.usedMb : NaN;
  // The soak's second half: growth that stopped early (the page's bounded state, such as its
  // dedupe ring of recent ids, filling up) is told apart from growth that goes on.
  const half = soak[Math.floor((soak.length - 1) / 2)]?.heap;
  const growthSecondHalf = half && soakEnd ? (soakEnd.usedMb - half.usedMb) / half.usedMb : NaN;
  const peakHeap = Math.max(soakStart.usedMb, ...soak.map((x) => x.heap.usedMb));
  const sent = w.ingest.sentPatterns! + w.ingest.sentIndicators!;
  const rowsOnScreen = w.latency.all.count;
  const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const ok = {
    ...(ROW_TIMING && { batched: w.latency.batched.p99 <= TARGETS.batchedP99Ms, priority: w.latency.priority.p99 <= TARGETS.priorityP99Ms }),
    busy: w.busy.busy <= TARGETS.busyShare,
    heap: soakEnd !== undefined && growth <= TARGETS.heapGrowth,
  };
  const latencyResult = (met: boolean | undefined) => (met === undefined ? 'n/a' : pass(met));
  const rows: [string, string, string, string][] = [
    ['batched items, publish → screen', `p50 ${fmt(w.latency.batched.p50)} / p99 ${fmt(w.latency.batched.p99)} ms`, `p99 ≤ ${TARGETS.batchedP99Ms} ms`, latencyResult(ok.batched)],
    ['priority patterns, publish → screen', `p50 ${fmt(w.latency.priority.p50)} / p99 ${fmt(w.latency.priority.p99)} ms`, `p99 ≤ ${TARGETS.priorityP99Ms} ms`, latencyResult(ok.priority)],
    ['main thread busy', `${(w.busy.busy * 100).toFixed(1)}%`, `≤ ${TARGETS.busyShare * 100}%`, pass(ok.busy)],
    ['JS heap, measured window', `${w.heapStart.usedMb.toFixed(1)} → ${w.heapEnd.usedMb.toFixed(1)} MB`, '', ''],
    [
      `JS heap, ${SOAK_MIN}-min soak`,
      soakEnd ? `${soakStart.usedMb.toFixed(1)} → ${soakEnd.usedMb.toFixed(1)} MB (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%)` : 'not run',
      `≤ +${TARGETS.heapGrowth * 100}%`,
      soakEnd ? pass(ok.heap) : 'n/a',
    ],
    [
      '  second half of the soak; peak',
      half && soakEnd ? `${half.usedMb.toFixed(1)} → ${soakEnd.usedMb.toFixed(1)} MB (${growthSecondHalf >= 0 ? '+' : ''}${(growthSecondHalf * 100).toFixed(1)}%); peak ${peakHeap.toFixed(1)} MB` : 'n/a',
      '',
      '',
    ],
    ['rows on screen / events sent', `${fmt(rowsOnScreen)} / ${fmt(sent)}`, '', ''],
  ];
  const line = (c: string[]) => c.map((x, i) => x.padEnd([40, 36, 18, 8][i] ?? 10)).join('');
  console.log(`\nresults (simulator: ${sim.text.split('\n')[1]?.trim() ?? ''})`);
  console.log(line(['', 'measured', 'target', 'result']));
  for (const r of rows) console.log(line(r));
  const i = w.ingest;
  console.log(
    `ingest in the window: received ${fmt(i.received!)}, accepted ${fmt(i.accepted!)}, sent ${fmt(sent)} (patterns ${fmt(i.sentPatterns!)}, indicators ${fmt(i.sentIndicators!)}), ` +
      `deduplicated ${fmt(i.deduplicated!)}, dropped by the buffer ${fmt(i.dropped!)} (STREAMING_MAX_BUFFER_SIZE / MAX_BATCH_SIZE: batches carry at most that much)`,
  );
  const others = [background['other processes'] ?? 0, w.cores['other processes'] ?? 0, ...soak.map((s) => s.cores['other processes'] ?? 0)];
  console.log(
    `background load (other processes, cores): before ${others[0]!.toFixed(2)}, measured window ${others[1]!.toFixed(2)}, soak minutes ${others
      .slice(2)
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const warnings = others.some((x) => x > 0.25) ? [`other processes used up to ${Math.max(...others).toFixed(2)} cores: latencies and busy time are pessimistic`] : [];
  for (const msg of warnings) console.log(`WARNING: ${msg}`);

  const result = {
    bench: 'dashboard',
    at: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? null,
    cores: cpus().length,
    runtime_s: (Date.now() - started) / 1000,
    settings: { row_timing: ROW_TIMING, rate: RATE, symbols: SYMBOLS, seconds: SECONDS, warmup_s: WARMUP_S, soak_minutes: SOAK_MIN, heap_sample_s: HEAP_EVERY_S, streaming: STREAMING, flush_ms: FLUSH_MS },
    background_cores_busy: background['other processes'] ?? null,
    background_before: background,
    warnings,
    pids: stack.pids,
    simulator: sim,
    measured: { ...w, ingest: w.ingest, rows_on_screen: rowsOnScreen, events_sent: sent },
    soak: { start_heap: soakStart, end_heap: soakEnd ?? null, growth, half_heap: half ?? null, growth_second_half: growthSecondHalf, peak_heap_mb: peakHeap, samples: soak },
    main_thread_trace: trace ?? null,
    targets: { ...TARGETS, ...ok, met: Object.values(ok).every(Boolean) },
  };
  const dir = join(ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'dashboard.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwrote ${join(dir, 'dashboard.json')} (${fmt(result.runtime_s)} s)`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
