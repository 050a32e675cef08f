// The process tree of the long-running benches, from /proc (Linux): which process is which
// service, CPU per service (children included: PostgreSQL's backends, Chromium's renderers) and
// the machine's CPU that none of ours used — other engineers' work on a shared 2-core box.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { machineCpu, type CpuTimes } from './fanout-proc';

const CLK_TCK = 100; // sysconf(_SC_CLK_TCK) on Linux

export type Proc = { pid: number; ppid: number; comm: string; /** Own CPU plus that of its reaped children (s). */ cpu: number };

/** Every process now. */
export function processTable(): Map<number, Proc> {
  const out = new Map<number, Proc>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const text = readFileSync(`/proc/${d}/stat`, 'utf8');
      const comm = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
      // After "(comm) ": state ppid ... utime(14) stime(15) cutime(16) cstime(17), numbered from 1 in proc(5).
      const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
      const cpu = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / CLK_TCK;
      out.set(Number(d), { pid: Number(d), ppid: Number(f[1]), comm, cpu });
    } catch (err) {
      void err; // the process ended while we read
    }
  }
  return out;
}

/** `root` and everything below it. */
export function subtree(table: Map<number, Proc>, root: number): Proc[] {
  const children = new Map<number, Proc[]>();
  for (const p of table.values()) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const out: Proc[] = [];
  const first = table.get(root);
  const queue = first ? [first] : [];
  while (queue.length > 0) {
    const p = queue.shift() as Proc;
    out.push(p);
    queue.push(...(children.get(p.pid) ?? []));
  }
  return out;
}

export function cwdOf(pid: number): string {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch (err) {
    void err; // gone, or not ours to read
    return '';
  }
}

export function cmdlineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch (err) {
    void err;
    return '';
  }
}

/** Resident memory in MB: VmRSS, or Pss (shared pages split between sharers) for the multi-process PostgreSQL. */
export function memoryMb(pid: number, kind: 'rss' | 'pss' = 'rss'): number {
  try {
    const file = kind === 'rss' ? `/proc/${pid}/status` : `/proc/${pid}/smaps_rollup`;
    const key = kind === 'rss' ? 'VmRSS' : 'Pss';
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(file, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch (err) {
    void err;
    return NaN;
  }
}

/** A named group of processes: a service's main pid, counted with everything below it. */
export type Groups = Record<string, number>;

export type CpuSnap = { t: number; machine: CpuTimes; ours: number; byGroup: Record<string, number> };

/** CPU used so far by this process's whole tree (`ours`) and by each group's subtree. */
export function cpuSnap(groups: Groups): CpuSnap {
  const table = processTable();
  const sumOf = (root: number) => subtree(table, root).reduce((s, p) => s + p.cpu, 0);
  const byGroup: Record<string, number> = {};
  for (const [name, pid] of Object.entries(groups)) byGroup[name] = sumOf(pid);
  return { t: performance.now(), machine: machineCpu(), ours: sumOf(process.pid), byGroup };
}

/**
 * Cores used between two snapshots (1.00 = one core busy) by each group, by the whole bench
 * (`ours`: this process and every descendant), and by everything else (`other processes`: user
 * and system time of the machine that none of ours used). Softirq (loopback TCP, charged to no
 * process) and idle are the machine's.
 */
export function coresBetween(a: CpuSnap, b: CpuSnap): Record<string, number> {
  const secs = (b.t - a.t) / 1000;
  const out: Record<string, number> = {};
  for (const [name, v] of Object.entries(b.byGroup)) out[name] = (v - (a.byGroup[name] ?? v)) / secs;
  const ours = b.ours - a.ours;
  const busy = b.machine.user + b.machine.system - a.machine.user - a.machine.system;
  out['bench total'] = ours / secs;
  out['other processes'] = Math.max(0, busy - ours) / secs;
  out.softirq = (b.machine.softirq - a.machine.softirq) / secs;
  out.idle = (b.machine.idle - a.machine.idle) / secs;
  return out;
}

export const formatCores = (c: Record<string, number>) =>
  Object.entries(c)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(', ');

/** What other processes keep the machine busy with before we start anything. */
export async function backgroundLoad(ms = 3_000): Promise<Record<string, number>> {
  const a = cpuSnap({});
  await new Promise((r) => setTimeout(r, ms));
  return coresBetween(a, cpuSnap({}));
}
