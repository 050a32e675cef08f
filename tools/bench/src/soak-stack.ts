// The real stack for the long-running benches (dashboard.bench.ts, soak.bench.ts): `npm start`
// (tools/stack/src/main.ts --no-simulator) as a user runs it — Redis, PostgreSQL, ingest, query,
// fanout, the built dashboard, each its own process — on free ports with a throwaway data dir,
// and the simulator CLI as TickStockPL. Services are found in /proc below the stack's process,
// so memory and CPU are per service. The stack runs in a process group of its own: whatever
// happens to the bench, the group is killed by its id on exit and nothing is left behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '@tickstock/testing';
import { ROOT } from './fanout-proc';
import { cmdlineOf, cwdOf, memoryMb, processTable, subtree, type Groups } from './soak-proc';

export const SERVICES = ['redis', 'postgres', 'ingest', 'query', 'fanout', 'dashboard'] as const;
export type Service = (typeof SERVICES)[number];

export type Stack = {
  ports: { redis: number; postgres: number; ingest: number; query: number; fanout: number; dashboard: number };
  redisUrl: string;
  jwtSecret: string;
  admin: { username: string; password: string };
  /** The pid of each service (PostgreSQL: the postmaster), and the stack runner's. */
  pids: Record<Service | 'stack', number>;
  /** Memory of each service in MB (PostgreSQL: Pss summed over the postmaster and its backends). */
  memory(): Record<Service, number>;
  metrics(service: 'ingest' | 'fanout' | 'query'): Promise<string>;
  /** SIGINT (the stack stops its services in reverse order), then SIGKILL to the group after a grace. */
  stop(): Promise<void>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Process groups we created, killed by id if the bench exits any other way; then their data dirs go. */
const groups = new Set<number>();
const dataDirs = new Set<string>();
process.once('exit', () => {
  groups.forEach((pgid) => killGroup(pgid));
  dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch (err) {
    void err; // already gone
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** The dashboard's build is older than its sources (or the contracts it bundles): `npm start -- --rebuild`. */
export function dashboardBuildStale(): boolean {
  const dash = join(ROOT, 'apps/dashboard');
  try {
    const built = statSync(join(dash, 'build/index.js')).mtimeMs;
    const sources = Math.max(newestMtime(join(dash, 'src')), newestMtime(join(ROOT, 'packages/contracts/src')), statSync(join(dash, 'svelte.config.js')).mtimeMs);
    return sources > built;
  } catch (err) {
    void err; // no build yet: npm start builds it
    return false;
  }
}

export async function startStack(opts: { env?: Record<string, string>; log?: (line: string) => void } = {}): Promise<Stack> {
  const log = opts.log ?? ((line: string) => process.stdout.write(`  stack | ${line}\n`));
  const ports = { redis: await freePort(), postgres: await freePort(), ingest: await freePort(), query: await freePort(), fanout: await freePort(), dashboard: await freePort() };
  const dataDir = mkdtempSync(join(tmpdir(), 'tickstock-bench-'));
  dataDirs.add(dataDir);
  const jwtSecret = randomBytes(48).toString('base64url');
  const admin = { username: 'admin', password: randomBytes(18).toString('base64url') };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/root',
    STACK_DATA_DIR: dataDir,
    STACK_REDIS_PORT: String(ports.redis),
    STACK_POSTGRES_PORT: String(ports.postgres),
    INGEST_PORT: String(ports.ingest),
    QUERY_PORT: String(ports.query),
    FANOUT_PORT: String(ports.fanout),
    DASHBOARD_PORT: String(ports.dashboard),
    JWT_SECRET: jwtSecret,
    ADMIN_PASSWORD: admin.password,
    LOG_LEVEL: 'warn',
    // A stop must not wait out the fanout's 20 s drain of sockets the bench has closed already.
    FANOUT_DRAIN_MS: '2000',
    ...opts.env,
  };
  const rebuild = dashboardBuildStale();
  if (rebuild) log('the dashboard build is older than its sources: npm start -- --rebuild');
  // The open-files limit raised to the hard limit first, for thousands of sockets (as fanout-proc.ts does).
  const raise = 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"';
  const child: ChildProcess = spawn('/bin/sh', ['-c', raise, process.execPath, '--import', 'tsx', 'src/main.ts', '--no-simulator', ...(rebuild ? ['--rebuild'] : [])], {
    cwd: join(ROOT, 'tools/stack'),
    env,
    detached: true, // its own process group (pgid = its pid)
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pgid = child.pid as number;
  groups.add(pgid);
  let output = '';
  let up = false;
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (d: string) => {
      output += d;
      // After start-up only the services' own warnings and errors (LOG_LEVEL=warn) are printed.
      if (up) for (const line of d.split('\n').filter(Boolean)) log(line);
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const cleanup = () => {
    groups.delete(pgid);
    rmSync(dataDir, { recursive: true, force: true });
    dataDirs.delete(dataDir);
  };
  try {
    await waitFor(() => output.includes('TickStock streaming is up') || (child.exitCode !== null && Promise.reject(new Error(`the stack exited:\n${output}`))), {
      timeoutMs: 600_000,
      intervalMs: 250,
      what: 'the stack to come up',
    });
  } catch (err) {
    killGroup(pgid);
    await exited;
    cleanup();
    throw err;
  }
  up = true;
  const pids = findServices(pgid);

  return {
    ports,
    redisUrl: `redis://127.0.0.1:${ports.redis}`,
    jwtSecret,
    admin,
    pids,
    memory() {
      const table = processTable();
      const out = {} as Record<Service, number>;
      for (const s of SERVICES) {
        out[s] = s === 'postgres' ? subtree(table, pids.postgres).reduce((sum, p) => sum + memoryMb(p.pid, 'pss'), 0) : memoryMb(pids[s]);
      }
      return out;
    },
    async metrics(service) {
      const res = await fetch(`http://127.0.0.1:${ports[service]}/metrics`, { signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new Error(`${service} /metrics answered ${res.status}`);
      return res.text();
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGINT');
        await Promise.race([exited, sleep(60_000)]);
      }
      // Anything of the group still there (a stuck service) goes now.
      killGroup(pgid);
      await exited;
      cleanup();
    },
  };
}

/** The services below the stack runner: node processes by their working directory, the servers by name. */
function findServices(stackPid: number): Record<Service | 'stack', number> {
  const table = processTable();
  const below = subtree(table, stackPid);
  const find = (what: string, ok: (pid: number, comm: string) => boolean) => {
    const p = below.find((x) => ok(x.pid, x.comm));
    if (!p) throw new Error(`no ${what} process below the stack (${below.map((x) => `${x.pid} ${cmdlineOf(x.pid)}`).join('; ')})`);
    return p.pid;
  };
  const app = (name: string) => find(name, (pid, comm) => comm === 'node' && cwdOf(pid) === join(ROOT, 'apps', name));
  // The stack runner is the node process the shell exec'd (the group leader).
  const stack = find('stack runner', (pid, comm) => comm === 'node' && pid === stackPid);
  return {
    stack,
    redis: find('redis-server', (_pid, comm) => comm.startsWith('redis-server')),
    // The postmaster is the stack's child; its backends are the postmaster's.
    postgres: find('postmaster', (pid, comm) => comm === 'postgres' && table.get(pid)?.ppid === stackPid),
    ingest: app('ingest'),
    query: app('query'),
    fanout: app('fanout'),
    dashboard: app('dashboard'),
  };
}

/** Groups for soak-proc's CPU snapshots: each service with its subtree. */
export function serviceGroups(stack: Stack): Groups {
  return Object.fromEntries(SERVICES.map((s) => [s, stack.pids[s]]));
}

export type SimulatorSummary = { messages: number; events: number; seconds: number; eventsPerSecond: number; maxLagMs: number; failed: number; text: string };

export type Simulator = { pid: number; /** Settles when the run ends (its duration, or stop()). */ done: Promise<SimulatorSummary>; stop(): Promise<SimulatorSummary> };

/**
 * The simulator CLI (`npm run simulator -- run load`) as TickStockPL: `rate` events/s over
 * `symbols` symbols for `durationS`, every payload generation (`--format mixed`). Its summary
 * (messages published, events, achieved rate, pacing lag) is read from its output.
 */
export function startSimulator(o: { redisUrl: string; rate: number; symbols: number; durationS: number }): Simulator {
  const args = ['run', 'load', '--rate', String(o.rate), '--symbols', String(o.symbols), '--duration', String(o.durationS), '--format', 'mixed', '--redis-url', o.redisUrl];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: join(ROOT, 'tools/simulator'),
    env: { PATH: process.env.PATH ?? '' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid as number;
  groups.add(pid);
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => process.stderr.write(`  simulator | ${d}`));
  const done = new Promise<SimulatorSummary>((resolve, reject) =>
    child.once('exit', (code, signal) => {
      groups.delete(pid);
      const m = /(\d+) messages \((\d+) on the pattern\/indicator channels\) in ([\d.]+) s/.exec(out);
      const lag = /max lag (\d+) ms, (\d+) failed/.exec(out);
      if (!m) return reject(new Error(`the simulator exited (${code ?? signal}) without a summary: ${out}`));
      const seconds = Number(m[3]);
      resolve({ messages: Number(m[1]), events: Number(m[2]), seconds, eventsPerSecond: Number(m[2]) / seconds, maxLagMs: Number(lag?.[1] ?? NaN), failed: Number(lag?.[2] ?? NaN), text: out.trim() });
    }),
  );
  return {
    pid,
    done,
    stop() {
      // SIGINT: the simulator ends its session (session_stopped) and prints its summary.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      return done;
    },
  };
}
