// The fanout's own share of the latency: its `fanout_append_to_send_lag_seconds` histogram (stream
// append → published to uWebSockets.js on the pod), read from /metrics at the start and the end of
// the measured window. Beside the clients' append → receipt latency it splits the time between
// the server and what comes after it (the kernel's loopback delivery and the load generators),
// which on one 2-core machine share the same CPUs.
const LAG = 'fanout_append_to_send_lag_seconds_bucket';

/** Cumulative bucket counts by upper bound (seconds; Infinity for +Inf). */
export type LagBuckets = Map<number, number>;

export async function readServerLag(port: number): Promise<LagBuckets> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const buckets: LagBuckets = new Map();
  for (const line of text.split('\n')) {
    if (!line.startsWith(LAG)) continue;
    const le = /le="([^"]+)"/.exec(line)?.[1];
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (le !== undefined) buckets.set(le === '+Inf' ? Infinity : Number(le), value);
  }
  return buckets;
}

/** Frames published in the window, and the bucket bound (ms) under which p50 and p99 of them fell. */
export function serverLagBetween(start: LagBuckets, end: LagBuckets) {
  const bounds = [...end.keys()].sort((a, b) => a - b);
  const counts = bounds.map((b) => (end.get(b) ?? 0) - (start.get(b) ?? 0));
  const total = counts[counts.length - 1] ?? 0;
  const under = (p: number) => {
    const i = counts.findIndex((c) => c >= total * p);
    return i < 0 ? null : bounds[i]! * 1000;
  };
  const within = (ms: number) => {
    const i = bounds.indexOf(ms / 1000);
    return i < 0 || total === 0 ? null : +((counts[i]! / total) * 100).toFixed(1);
  };
  return { published: total, p50AtMostMs: under(0.5), p99AtMostMs: under(0.99), within10msPct: within(10), within50msPct: within(50) };
}
