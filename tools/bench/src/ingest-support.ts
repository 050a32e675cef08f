// Helpers of the ingest bench: child processes run with tsx and spoken to over IPC, CPU and
// memory from /proc (Linux), Prometheus text, percentiles.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

// ── child processes ──

export type Child<Reply extends { type: string }> = {
  readonly proc: ChildProcess;
  readonly pid: number;
  /** The next message of this type (buffered if it came first); rejects on timeout, exit or an `error` message. */
  next<T extends Reply['type']>(type: T, timeoutMs: number): Promise<Extract<Reply, { type: T }>>;
  send(msg: unknown): void;
  /** Resolves when the process has exited (with its exit code, or the signal's name). */
  exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL after graceMs; resolves on exit. */
  stop(graceMs?: number): Promise<number | string>;
};

export function spawnTsx<Reply extends { type: string }>(
  file: string,
  opts: { cwd: string; env: Record<string, string>; nodeArgs?: string[]; name: string; tsx?: boolean },
): Child<Reply> {
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...(opts.tsx === false ? [] : ['--import', 'tsx']), file], {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  if (proc.pid === undefined) throw new Error(`${opts.name} did not start`);
  const inbox: Reply[] = [];
  const waiters: { type: string; resolve: (r: Reply) => void; reject: (e: Error) => void }[] = [];
  let exitInfo: string | undefined;
  const exited = new Promise<number | string>((resolve) =>
    proc.once('exit', (code, signal) => {
      exitInfo = `${opts.name} exited (${code ?? signal})`;
      for (const w of waiters.splice(0)) w.reject(new Error(exitInfo));
      resolve(code ?? signal ?? 'unknown');
    }),
  );
  proc.on('message', (raw) => {
    const msg = raw as Reply;
    if (msg.type === 'error') {
      const err = new Error(`${opts.name}: ${(msg as unknown as { message: string }).message}`);
      const w = waiters.shift();
      if (w) w.reject(err);
      else process.stderr.write(`${err.message}\n`);
      return;
    }
    const at = waiters.findIndex((w) => w.type === msg.type);
    if (at >= 0) waiters.splice(at, 1)[0]?.resolve(msg);
    else inbox.push(msg);
  });
  return {
    proc,
    pid: proc.pid,
    exited,
    next<T extends Reply['type']>(type: T, timeoutMs: number) {
      const at = inbox.findIndex((m) => m.type === type);
      if (at >= 0) return Promise.resolve(inbox.splice(at, 1)[0] as Extract<Reply, { type: T }>);
      if (exitInfo) return Promise.reject(new Error(exitInfo));
      return new Promise<Extract<Reply, { type: T }>>((resolve, reject) => {
        const timer = setTimeout(() => {
          const i = waiters.indexOf(waiter);
          if (i >= 0) waiters.splice(i, 1);
          reject(new Error(`${opts.name}: no '${type}' within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = {
          type,
          resolve: (r: Reply) => {
            clearTimeout(timer);
            resolve(r as Extract<Reply, { type: T }>);
          },
          reject: (e: Error) => {
            clearTimeout(timer);
            reject(e);
          },
        };
        waiters.push(waiter);
      });
    },
    send(msg) {
      if (proc.connected) proc.send(msg as object);
    },
    async stop(graceMs = 5_000) {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
        const how = await exited;
        clearTimeout(timer);
        return how;
      }
      return exited;
    },
  };
}

// ── /proc ──

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

type Stat = { ppid: number; cpuSeconds: number };

function stat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state ppid ... utime(14) stime(15), counted from 1 in proc(5).
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), cpuSeconds: (Number(f[11]) + Number(f[12])) / CLK_TCK };
  } catch {
    return null;
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

/** The redis-server listening on this port (a local one; null for a server we did not start). */
export function findRedisPid(port: number): number | null {
  return allPids().find((pid) => /redis-server/.test(cmdline(pid)) && cmdline(pid).includes(`:${port}`)) ?? null;
}

/** The postmaster started with `-p <port>` (null for a server we did not start). */
export function findPostmasterPid(port: number): number | null {
  return allPids().find((pid) => / -p \d+/.test(cmdline(pid)) && cmdline(pid).includes(` -p ${port} `) && /postgres/.test(cmdline(pid)) && !/node/.test(cmdline(pid))) ?? null;
}

/** CPU seconds used so far by these processes (and, with children, their direct children: PostgreSQL backends). */
export function cpuSecondsOf(pids: readonly number[], withChildren = false): number {
  let total = 0;
  const set = new Set(pids);
  for (const pid of pids) total += stat(pid)?.cpuSeconds ?? 0;
  if (withChildren) {
    for (const pid of allPids()) {
      if (set.has(pid)) continue;
      const s = stat(pid);
      if (s && set.has(s.ppid)) total += s.cpuSeconds;
    }
  }
  return total;
}

/** Busy CPU seconds of the whole machine so far (all cores: everything but idle and iowait). */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  return (total - (v[3] ?? 0) - (v[4] ?? 0)) / CLK_TCK;
}

/** VmRSS and VmHWM (peak RSS), in MB; null once the process is gone. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

// ── Prometheus text ──

export type Metrics = Map<string, { labels: Record<string, string>; value: number }[]>;

export function parseMetrics(text: string): Metrics {
  const out: Metrics = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1] as string] = l[2] as string;
    const list = out.get(m[1] as string) ?? [];
    list.push({ labels, value: Number(m[3]) });
    out.set(m[1] as string, list);
  }
  return out;
}

/** Sum over the labels (optionally only samples matching `where`). */
export function sum(m: Metrics, name: string, where: Record<string, string> = {}): number {
  let total = 0;
  for (const s of m.get(name) ?? []) if (Object.entries(where).every(([k, v]) => s.labels[k] === v)) total += s.value;
  return total;
}

/** Per value of one label. */
export function byLabel(m: Metrics, name: string, label: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of m.get(name) ?? []) {
    const key = s.labels[label] ?? '';
    out[key] = (out[key] ?? 0) + s.value;
  }
  return out;
}

// ── numbers ──

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/**
 * The steady rate of a growing counter: its slope between the samples where it passed `from` and
 * `to` of its final value (10%..90% by default), which leaves out the start-up and the tail.
 */
export function steadyRate(samples: readonly { t: number; v: number }[], final: number, from = 0.1, to = 0.9): number {
  const a = samples.find((s) => s.v >= final * from);
  const b = samples.find((s) => s.v >= final * to);
  if (!a || !b || b.t <= a.t) return NaN;
  return (b.v - a.v) / ((b.t - a.t) / 1000);
}

export const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';
