// One side of the fanout benchmark: start the server, connect the clients from the load generator
// processes, measure idle RSS, feed the workload, measure delivery, latency and CPU, tear down.
import { writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedisBus } from '@tickstock/bus';
import { freePort, waitFor } from '@tickstock/testing';
import { ask, cpuSeconds, exited, machineCpu, ROOT, rssBytes, spawnNative, spawnTs } from './fanout-proc';
import { signTicket } from './fanout-tickets';
import { readServerLag, serverLagBetween, type LagBuckets } from './fanout-server-lag';
import { startFeeder, type Workload } from './fanout-workload';

export type Side = 'uws' | 'sio';
export type RunOptions = {
  redisUrl: string;
  clients: number;
  seconds: number;
  generators: number;
  workload: Workload;
  secret: string;
  run: number;
  /** Server processes (pods); generator g's clients go to pod g % pods. */
  pods: number;
  /** The native generator's binary (native/ws-load.c); the node one (fanout-load.ts) when absent. */
  nativeGenerator?: string;
};
export type RunResult = Awaited<ReturnType<typeof runSide>>;

const WARMUP_MS = 3_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type LoadReport = { received: number; bytes: number; all: number[]; priority: number[]; cpu: NodeJS.CpuUsage; open: number };

function percentile(hist: number[], p: number): number {
  const total = hist.reduce((a, b) => a + b, 0);
  let seen = 0;
  for (let ms = 0; ms < hist.length; ms++) if ((seen += hist[ms]!) >= total * p) return ms;
  return NaN;
}
const merge = (hs: number[][]) => hs[0]!.map((_, i) => hs.reduce((s, h) => s + h[i]!, 0));

export async function runSide(side: Side, o: RunOptions) {
  const prefix = `bench:${side}:${Date.now()}:`;
  const env = { REDIS_URL: o.redisUrl, REDIS_KEY_PREFIX: prefix, JWT_SECRET: o.secret };
  // Several pods, as a deployment scales them (issue 5: "scaled independently behind a load
  // balancer"); generator g's clients all go to pod g % pods, standing in for the balancer.
  // Socket.IO's pods share frames the old way: one reads the stream and emits, and the Redis
  // adapter carries each frame to the other pods.
  // One at a time, and distinct: a port freePort() just released may be handed out again.
  const ports: number[] = [];
  while (ports.length < o.pods) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  const servers = ports.map((port, i) =>
    side === 'uws'
      ? spawnTs('src/main.ts', { cwd: join(ROOT, 'apps/fanout'), env: { ...env, FANOUT_PORT: String(port), FANOUT_HOST: '127.0.0.1', FANOUT_CONN_RATE_PER_IP: '0', LOG_LEVEL: 'warn' } })
      : spawnTs('src/fanout-sio-server.ts', { cwd: join(ROOT, 'tools/bench'), env: { ...env, PORT: String(port), BRIDGE: i === 0 ? '1' : '0' } }),
  );
  for (const port of ports) {
    const probe = side === 'uws' ? `http://127.0.0.1:${port}/readyz` : `http://127.0.0.1:${port}/socket.io/?EIO=4&transport=polling`;
    // Socket.IO answers the polling probe 400 (websocket only): any HTTP answer means it listens.
    await waitFor(() => fetch(probe).then((r) => (side === 'uws' ? r.status === 200 : r.status > 0)), { timeoutMs: 30_000, what: `${side} server` });
  }
  await sleep(1000);
  const pids = servers.map((server) => server.pid!);
  const sumOf = (f: (pid: number) => number) => pids.reduce((total, pid) => total + f(pid), 0);
  const serverCpu = () => pids.map(cpuSeconds).reduce((a, b) => ({ user: a.user + b.user, system: a.system + b.system }), { user: 0, system: 0 });
  const serverLagNow = async () => {
    const merged: LagBuckets = new Map();
    for (const port of ports) for (const [le, n] of await readServerLag(port)) merged.set(le, (merged.get(le) ?? 0) + n);
    return merged;
  };
  const rssBefore = sumOf(rssBytes);

  // Each generator binds its own loopback source address, new for every run: tens of thousands of
  // ports from one address would crowd the ephemeral range (and TIME_WAIT from the previous run).
  const perGenerator = Math.ceil(o.clients / o.generators);
  const generators = await Promise.all(
    Array.from({ length: o.generators }, async (_, g) => {
      const env = { MODE: side, PORT: String(ports[g % o.pods]), COUNT: String(perGenerator), LOCAL_ADDRESS: `127.0.${o.run + 1}.${g + 1}`, JWT_SECRET: o.secret };
      if (!o.nativeGenerator) return spawnTs('src/fanout-load.ts', { cwd: join(ROOT, 'tools/bench'), env, ipc: true });
      // The native client signs nothing: its tickets are made here, one per line.
      const tokens = join(tmpdir(), `fanout-bench-tickets-${process.pid}-${o.run}-${g}.txt`);
      const lines: string[] = [];
      for (let i = 0; i < perGenerator; i++) lines.push(await signTicket(o.secret, `bench-${g}-${i}`));
      writeFileSync(tokens, `${lines.join('\n')}\n`);
      return spawnNative(o.nativeGenerator, { ...env, TOKENS_FILE: tokens });
    }),
  );
  const connects = await Promise.all(generators.map((g) => ask<{ connected: number; failed: number; ms: number }>(g, 'connect', 300_000)));
  const connected = connects.reduce((s, c) => s + c.connected, 0);
  await sleep(3000);
  const rssIdle = sumOf(rssBytes);

  const bus = createRedisBus({ url: o.redisUrl, prefix });
  const feeder = startFeeder(bus, o.workload);
  await sleep(WARMUP_MS);
  const starts = await Promise.all(generators.map((g) => ask<{ cpu: NodeJS.CpuUsage }>(g, 'measure')));
  const lag0 = side === 'uws' ? await serverLagNow() : undefined;
  const [server0, machine0, self0, load0, t0] = [serverCpu(), machineCpu(), process.cpuUsage(), loadavg()[0]!, Date.now()];
  await sleep(o.seconds * 1000);
  const reports = await Promise.all(generators.map((g) => ask<LoadReport>(g, 'report')));
  // Socket.IO's server has no such histogram: the split is the fanout's only.
  const serverLag = lag0 ? serverLagBetween(lag0, await serverLagNow()) : null;
  const wall = (Date.now() - t0) / 1000;
  const [server1, machine1, self] = [serverCpu(), machineCpu(), process.cpuUsage(self0)];
  const rssLoaded = sumOf(rssBytes);
  const fed = await feeder.stop();
  await bus.close();

  const cores = (x: number) => +(x / wall).toFixed(2);
  const machine = (k: keyof typeof machine0) => cores(machine1[k] - machine0[k]);
  const serverUser = cores(server1.user - server0.user);
  const serverSystem = cores(server1.system - server0.system);
  const generatorCores = reports.map((r, i) => cores((r.cpu.user + r.cpu.system - starts[i]!.cpu.user - starts[i]!.cpu.system) / 1e6));
  const feederCores = cores((self.user + self.system) / 1e6);
  const all = merge(reports.map((r) => r.all));
  const priority = merge(reports.map((r) => r.priority));
  const received = reports.reduce((s, r) => s + r.received, 0);
  await Promise.all(generators.map((g) => ask(g, 'close').catch(() => undefined)));
  generators.forEach((g) => g.kill('SIGKILL'));
  servers.forEach((server) => server.kill('SIGKILL'));
  await Promise.all([...servers, ...generators].map(exited));

  return {
    side,
    pods: o.pods,
    clients: { asked: o.clients, connected, stillOpen: reports.reduce((s, r) => s + r.open, 0), connectMs: Math.max(...connects.map((c) => c.ms)) },
    framesAppended: fed.appended,
    deliveredPerSecond: Math.round(received / wall),
    offeredPerSecond: Math.round((fed.appended / (wall + WARMUP_MS / 1000)) * connected),
    mbPerSecond: Math.round(reports.reduce((s, r) => s + r.bytes, 0) / wall / 1e6),
    /** Append → handed to uWebSockets.js on the pod (its own histogram; bucket bounds, not exact). */
    serverLag,
    latencyMs: { p50: percentile(all, 0.5), p99: percentile(all, 0.99), priorityP50: percentile(priority, 0.5), priorityP99: percentile(priority, 0.99), max: percentile(all, 1) },
    rss: { beforeMB: +(rssBefore / 1e6).toFixed(1), idleMB: +(rssIdle / 1e6).toFixed(1), loadedMB: +(rssLoaded / 1e6).toFixed(1), perIdleConnectionKB: +((rssIdle - rssBefore) / Math.max(connected, 1) / 1024).toFixed(2) },
    cpu: {
      server: { user: serverUser, system: serverSystem },
      generatorCores,
      // The whole machine (2 cores): loopback TCP for both ends of every socket is kernel time no process is charged with.
      machine: { user: machine('user'), system: machine('system'), softirq: machine('softirq'), idle: machine('idle') },
      feederCores,
      // What the machine did besides this benchmark's processes (Redis included): other work on a shared box.
      otherCores: +(machine('user') + machine('system') - serverUser - serverSystem - generatorCores.reduce((a, b) => a + b, 0) - feederCores).toFixed(2),
      loadAverage: +((load0 + loadavg()[0]!) / 2).toFixed(1),
    },
  };
}
