// CPU time of the processes a query measurement involves (Linux /proc): the service, this process
// (the load generator), and the PostgreSQL server's processes. On 2 cores their sum per request
// says how close a rate is to saturating the machine, and who spends it.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/**
 * utime + stime of a pid in ms (with `reaped`, also cutime + cstime: its children that have
 * exited, such as pooled backends closed while idle), or 0 if it is gone.
 */
export function processCpuMs(pid: number, reaped = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may contain spaces) start after the last ')'.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    const ticks = f[11]! + f[12]! + (reaped ? f[13]! + f[14]! : 0);
    return (ticks * 1000) / TICKS_PER_SECOND;
  } catch (err) {
    void err; // the process ended between listing and reading: it no longer counts
    return 0;
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch (err) {
    void err;
    return undefined;
  }
}

/** The server's postmaster (the parent of a backend) and its children's CPU, live and exited, summed. */
export function serverCpuMs(postmasterPid: number): number {
  let total = processCpuMs(postmasterPid, true);
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (Number.isInteger(pid) && parentOf(pid) === postmasterPid) total += processCpuMs(pid);
  }
  return total;
}

export const postmasterOf = (backendPid: number) => parentOf(backendPid);

/**
 * CPU time all cores spent running processes, from /proc/stat, in ms. Interrupt and softirq time
 * are left out: no process is charged for them (loopback's receive path runs there, for us too).
 */
export function machineBusyMs(): number {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const [user, nice, system, , , , , steal] = ticks.map(Number);
    return ((user! + nice! + system! + steal!) * 1000) / TICKS_PER_SECOND;
  } catch (err) {
    void err; // not Linux: no machine-wide figure
    return 0;
  }
}

/** Who spent the CPU while a measurement ran; `othersMs` is every other process on the machine. */
export type CpuShare = { serviceMs: number; loadMs: number; postgresMs: number; othersMs: number };

/** CPU spent by each side while `run` ran; `servicePid` is optional (the pg floor has none). */
export async function measureCpu<T>(pids: { service?: number; postmaster?: number }, run: () => Promise<T>): Promise<{ result: T; cpu: CpuShare }> {
  const own = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const sample = () => ({ s: pids.service ? processCpuMs(pids.service) : 0, l: own(), p: pids.postmaster ? serverCpuMs(pids.postmaster) : 0, m: machineBusyMs() });
  const before = sample();
  const result = await run();
  const after = sample();
  const cpu = { serviceMs: after.s - before.s, loadMs: after.l - before.l, postgresMs: after.p - before.p };
  return { result, cpu: { ...cpu, othersMs: Math.max(0, after.m - before.m - cpu.serviceMs - cpu.loadMs - cpu.postgresMs) } };
}
