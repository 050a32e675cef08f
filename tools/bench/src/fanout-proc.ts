// Child processes of the fanout benchmark and what /proc says about them (RSS, CPU).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const TICKS_PER_SECOND = 100; // CLK_TCK on Linux

/**
 * `node --import tsx <script>`: one process (the tsx CLI would add a wrapper whose RSS/CPU are not
 * the server's), with its open-files limit raised to the hard limit first (10,000 sockets need
 * more than the usual soft 1024); `exec` keeps the pid the node process's.
 */
export function spawnTs(script: string, opts: { cwd: string; env: Record<string, string>; ipc?: boolean; quiet?: boolean }): ChildProcess {
  const raise = 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"';
  const child = spawn('/bin/sh', ['-c', raise, process.execPath, '--import', 'tsx', script], {
    cwd: opts.cwd,
    env: { PATH: process.env.PATH ?? '', ...opts.env },
    stdio: ['ignore', opts.quiet ? 'ignore' : 'inherit', 'inherit', ...(opts.ipc ? (['ipc'] as const) : [])],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Compiles the native load generator (native/ws-load.c) with the machine's C compiler; returns its path. */
export function buildNativeGenerator(): string {
  const out = join(ROOT, 'tools/bench/dist/ws-load');
  mkdirSync(dirname(out), { recursive: true });
  execFileSync('cc', ['-O2', '-Wall', '-o', out, join(ROOT, 'tools/bench/native/ws-load.c')], { stdio: 'inherit' });
  return out;
}

/**
 * The native generator, behind the same `ask` as the node one: commands go as lines on its stdin,
 * its JSON-line answers come back as 'message' events.
 */
export function spawnNative(binary: string, env: Record<string, string>): ChildProcess {
  const child = spawn(binary, [], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
  createInterface({ input: child.stdout }).on('line', (line) => child.emit('message', JSON.parse(line)));
  child.send = ((msg: { cmd: string }) => child.stdin.write(`${msg.cmd}\n`));
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

// One exit hook for every child (one per child would pass Node's listener limit over a sweep).
const children = new Set<ChildProcess>();
process.once('exit', () => children.forEach((c) => c.kill('SIGKILL')));

export function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** CPU seconds the process has used so far, in user space and in the kernel (its syscalls). */
export function cpuSeconds(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the comm: state is field 3, utime field 14, stime field 15 (proc(5)).
  return { user: Number(fields[11]) / TICKS_PER_SECOND, system: Number(fields[12]) / TICKS_PER_SECOND };
}

export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

/** Sends a command over IPC and resolves with the child's answer to it. */
export function ask<T>(child: ChildProcess, cmd: string, timeoutMs = 120_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${cmd} within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (msg: { cmd?: string; result?: T }) => {
      if (msg.cmd !== cmd) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(msg.result as T);
    };
    child.on('message', onMessage);
    child.send({ cmd });
  });
}

export type CpuTimes = { user: number; system: number; softirq: number; idle: number; total: number };

/** Machine-wide CPU time (all cores, seconds) from /proc/stat: loopback TCP work runs in softirq, not in any process. */
export function machineCpu(): CpuTimes {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  const t = (x: number | undefined) => (x ?? 0) / TICKS_PER_SECOND;
  return {
    user: t(user) + t(nice),
    system: t(system) + t(irq),
    softirq: t(softirq),
    idle: t(idle) + t(iowait),
    total: [user, nice, system, idle, iowait, irq, softirq, steal].reduce<number>((a, b) => a + t(b), 0),
  };
}
