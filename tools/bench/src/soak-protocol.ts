// What the soak bench and its load generators (soak-load.ts) say to each other over IPC.
import type { ChildProcess } from 'node:child_process';

/** Latency histogram, sparse: [ms, count] for every non-empty 1 ms bin (the last bin holds everything at or past it). */
export type Histogram = [number, number][];

export const MAX_LATENCY_MS = 60_000;

export type WindowReport = {
  /** Since the previous window: stream append (the frame's seq) → receipt, every frame of every client. */
  all: Histogram;
  priority: Histogram;
  /** Since the previous window, one client per generator: the event's producer timestamp → receipt. */
  producerPriority: Histogram;
  producerBatched: Histogram;
  /** Cumulative. */
  frames: number;
  bytes: number;
  open: number;
  closes: number;
  cpu: NodeJS.CpuUsage;
};

export type CountsReport = {
  clients: number;
  /** Stream frames received per client (welcome and pongs are not stream frames). */
  min: number;
  max: number;
  total: number;
  /** Clients that received fewer / more stream frames than expected. */
  short: number;
  over: number;
  /** Frames whose seq was not after the client's previous one (a duplicate or out of order). */
  outOfOrder: number;
  closes: number;
};

export type Commands = {
  connect: { arg: undefined; reply: { connected: number; failed: number; ms: number } };
  window: { arg: undefined; reply: WindowReport };
  counts: { arg: { expected: number }; reply: CountsReport };
  close: { arg: undefined; reply: Record<string, never> };
};

/** Sends a command with its argument and resolves with the generator's reply to it. */
export function ask<C extends keyof Commands>(child: ChildProcess, cmd: C, arg?: Commands[C]['arg'], timeoutMs = 120_000): Promise<Commands[C]['reply']> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`no answer to ${cmd} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (msg: { cmd?: string; result?: Commands[C]['reply'] }) => {
      if (msg.cmd !== cmd) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(msg.result as Commands[C]['reply']);
    };
    child.on('message', onMessage);
    child.send({ cmd, arg });
  });
}

export function toSparse(h: Uint32Array): Histogram {
  const out: Histogram = [];
  for (let ms = 0; ms < h.length; ms++) if (h[ms]! > 0) out.push([ms, h[ms]!]);
  return out;
}

export function mergeHistograms(hs: readonly Histogram[]): Histogram {
  const m = new Map<number, number>();
  for (const h of hs) for (const [ms, n] of h) m.set(ms, (m.get(ms) ?? 0) + n);
  return [...m.entries()].sort((a, b) => a[0] - b[0]);
}

export type HistogramStats = { count: number; p50: number; p90: number; p99: number; max: number };

export function histogramStats(h: Histogram): HistogramStats {
  const count = h.reduce((s, [, n]) => s + n, 0);
  const at = (p: number) => {
    let seen = 0;
    for (const [ms, n] of h) if ((seen += n) >= Math.ceil(count * p)) return ms;
    return NaN;
  };
  return { count, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: h.at(-1)?.[0] ?? NaN };
}
