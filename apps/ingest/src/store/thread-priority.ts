// Linux schedules threads, not processes: setpriority(2) given a thread id changes that thread's
// nice value alone. The store writer's thread runs niced so that, when the two cores are short,
// the main thread (decode, conflate, frames — priority patterns within 5 ms) runs first; storage
// then lags in the events stream, which is what that stream is for, and catches up when the flood
// passes. With idle CPU, niceness changes nothing.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** This thread's kernel id (`/proc/thread-self` → `PID/task/TID`), or null off Linux. */
export function currentThreadId(): number | null {
  if (process.platform !== 'linux') return null;
  return Number(readlinkSync('/proc/thread-self').split('/').pop());
}

/** Sets the calling thread's nice value (0 leaves it as it is); returns its thread id, or null where threads cannot be niced. */
export function niceCurrentThread(nice: number): number | null {
  const tid = currentThreadId();
  if (tid === null || nice === 0) return tid;
  setPriority(tid, nice);
  return tid;
}
