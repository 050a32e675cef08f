// Fanout benchmark (issue 5): 10,000 WebSocket clients on loopback, fed from the frames stream
// at the ingest's rates, against the uWebSockets.js fanout and, in the same run with the same
// workload and load generators, the old architecture (Socket.IO 4 + @socket.io/redis-adapter).
// Run: npm run fanout -w @tickstock/bench [-- --clients 10000 --seconds 20 --generators 2 --items 5]
// Targets: all clients held with priority p99 <= 50 ms; >= 5x Socket.IO's frames/s at equal or
// better p99; <= 10 KB RSS per idle connection.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRedisBus } from '@tickstock/bus';
import { startRedis, freePort, waitFor } from '@tickstock/testing';
import { ask, cpuSeconds, exited, machineCpu, ROOT, rssBytes, spawnTs } from './fanout-proc';
import { DEFAULT_WORKLOAD, startFeeder, type Workload } from './fanout-workload';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '20' },
    generators: { type: 'string', default: '2' },
    items: { type: 'string', default: String(DEFAULT_WORKLOAD.itemsPerBatch) },
    only: { type: 'string' },
  },
});
const CLIENTS = Number(args.clients);
const SECONDS = Number(args.seconds);
const GENERATORS = Number(args.generators);
const WORKLOAD: Workload = { ...DEFAULT_WORKLOAD, itemsPerBatch: Number(args.items) };
const SECRET = 'fanout-bench-secret-0123456789abcdef0123';
const WARMUP_MS = 3_000;

type LoadReport = { received: number; bytes: number; all: number[]; priority: number[]; cpu: NodeJS.CpuUsage; unexpectedCloses: number; open: number };

const percentile = (hist: number[], p: number) => {
  const total = hist.reduce((a, b) => a + b, 0);
  let seen = 0;
  for (let ms = 0; ms < hist.length; ms++) if ((seen += hist[ms]!) >= total * p) return ms;
  return NaN;
};
const merge = (hs: number[][]) => hs[0]!.map((_, i) => hs.reduce((s, h) => s + h[i]!, 0));

async function runSide(side: 'uws' | 'sio', redisUrl: string) {
  const prefix = `bench:${side}:${Date.now()}:`;
  const port = await freePort();
  const env = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, JWT_SECRET: SECRET };
  const server =
    side === 'uws'
      ? spawnTs('src/main.ts', { cwd: join(ROOT, 'apps/fanout'), env: { ...env, FANOUT_PORT: String(port), FANOUT_HOST: '127.0.0.1', FANOUT_CONN_RATE_PER_IP: '0', LOG_LEVEL: 'warn' } })
      : spawnTs('src/fanout-sio-server.ts', { cwd: join(ROOT, 'tools/bench'), env: { ...env, PORT: String(port) } });
  const probe = side === 'uws' ? `http://127.0.0.1:${port}/readyz` : `http://127.0.0.1:${port}/socket.io/?EIO=4&transport=polling`;
  // Socket.IO answers the polling probe 400 (websocket only): any HTTP answer means it listens.
  await waitFor(() => fetch(probe).then((r) => (side === 'uws' ? r.status === 200 : r.status > 0)), { timeoutMs: 30_000, what: `${side} server` });
  await new Promise((r) => setTimeout(r, 1000));
  const pid = server.pid!;
  const rssBefore = rssBytes(pid);

  // Each generator binds its own loopback source address: 10,000 ports per side from one address would crowd the ephemeral range.
  const generators = Array.from({ length: GENERATORS }, (_, g) =>
    spawnTs('src/fanout-load.ts', {
      cwd: join(ROOT, 'tools/bench'),
      env: { MODE: side, PORT: String(port), COUNT: String(Math.ceil(CLIENTS / GENERATORS)), LOCAL_ADDRESS: `127.0.${side === 'uws' ? 1 : 2}.${g + 1}`, JWT_SECRET: SECRET },
      ipc: true,
    }),
  );
  const connects = await Promise.all(generators.map((g) => ask<{ connected: number; failed: number; ms: number }>(g, 'connect', 300_000)));
  const connected = connects.reduce((s, c) => s + c.connected, 0);
  await new Promise((r) => setTimeout(r, 3000));
  const rssIdle = rssBytes(pid);

  const bus = createRedisBus({ url: redisUrl, prefix });
  const feeder = startFeeder(bus, WORKLOAD);
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  const starts = await Promise.all(generators.map((g) => ask<{ cpu: NodeJS.CpuUsage }>(g, 'measure')));
  const cpu0 = cpuSeconds(pid);
  const machine0 = machineCpu();
  const self0 = process.cpuUsage();
  const load0 = loadavg()[0]!;
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const reports = await Promise.all(generators.map((g) => ask<LoadReport>(g, 'report')));
  const wall = (Date.now() - t0) / 1000;
  const serverCpu = (cpuSeconds(pid) - cpu0) / wall;
  const genCpu = reports.map((r, i) => (r.cpu.user + r.cpu.system - starts[i]!.cpu.user - starts[i]!.cpu.system) / 1e6 / wall);
  const machine1 = machineCpu();
  const cores = (k: keyof typeof machine0) => +((machine1[k] - machine0[k]) / wall).toFixed(2);
  const self = process.cpuUsage(self0);
  const feederCores = (self.user + self.system) / 1e6 / wall;
  const rssLoaded = rssBytes(pid);
  const fed = await feeder.stop();
  await bus.close();

  const all = merge(reports.map((r) => r.all));
  const priority = merge(reports.map((r) => r.priority));
  const received = reports.reduce((s, r) => s + r.received, 0);
  await Promise.all(generators.map((g) => ask(g, 'close').catch(() => undefined)));
  generators.forEach((g) => g.kill('SIGKILL'));
  server.kill('SIGKILL');
  await Promise.all([server, ...generators].map(exited));

  return {
    side,
    clients: { asked: CLIENTS, connected, stillOpen: reports.reduce((s, r) => s + r.open, 0), connectMs: Math.max(...connects.map((c) => c.ms)) },
    framesAppended: fed.appended,
    deliveredPerSecond: Math.round(received / wall),
    mbPerSecond: Math.round(reports.reduce((s, r) => s + r.bytes, 0) / wall / 1e6),
    latencyMs: { p50: percentile(all, 0.5), p99: percentile(all, 0.99), priorityP50: percentile(priority, 0.5), priorityP99: percentile(priority, 0.99), max: percentile(all, 1) },
    rss: { beforeMB: +(rssBefore / 1e6).toFixed(1), idleMB: +(rssIdle / 1e6).toFixed(1), loadedMB: +(rssLoaded / 1e6).toFixed(1), perIdleConnectionKB: +((rssIdle - rssBefore) / Math.max(connected, 1) / 1024).toFixed(2) },
    cpu: {
      serverCores: +serverCpu.toFixed(2),
      generatorCores: genCpu.map((c) => +c.toFixed(2)),
      // The whole machine (2 cores): loopback TCP for both ends of every socket is kernel time no process is charged with.
      machineCores: { user: cores('user'), system: cores('system'), softirq: cores('softirq'), idle: cores('idle') },
      feederCores: +feederCores.toFixed(2),
      // What the machine did besides this benchmark's processes (Redis included): other work on a shared box.
      otherCores: +(cores('user') + cores('system') - serverCpu - genCpu.reduce((a, b) => a + b, 0) - feederCores).toFixed(2),
      loadAverage: +((load0 + loadavg()[0]!) / 2).toFixed(1),
    },
  };
}

const redis = await startRedis();
try {
  const results = [];
  for (const side of ['uws', 'sio'] as const) {
    if (args.only && args.only !== side) continue;
    console.log(`running ${side} with ${CLIENTS} clients for ${SECONDS} s ...`);
    results.push(await runSide(side, redis.url));
    console.log(JSON.stringify(results.at(-1)));
  }
  const [uws, sio] = [results.find((r) => r.side === 'uws'), results.find((r) => r.side === 'sio')];
  console.table(
    results.map((r) => ({
      server: r.side === 'uws' ? 'fanout (uWS)' : 'Socket.IO+redis-adapter',
      connected: r.clients.connected,
      'frames/s': r.deliveredPerSecond,
      'MB/s': r.mbPerSecond,
      'p50 ms': r.latencyMs.p50,
      'p99 ms': r.latencyMs.p99,
      'prio p99 ms': r.latencyMs.priorityP99,
      'KB/idle conn': r.rss.perIdleConnectionKB,
      'server cores': r.cpu.serverCores,
      'generator cores': r.cpu.generatorCores.join(' + '),
      'other work cores': r.cpu.otherCores,
    })),
  );
  if (uws && sio) console.log(`uWS/Socket.IO delivered frames/s: ${(uws.deliveredPerSecond / sio.deliveredPerSecond).toFixed(2)}x`);
  const out = join(ROOT, 'bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'fanout.json'), JSON.stringify({ at: new Date().toISOString(), workload: WORKLOAD, seconds: SECONDS, generators: GENERATORS, results }, null, 2));
} finally {
  await redis.stop();
}
