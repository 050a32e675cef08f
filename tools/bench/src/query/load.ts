// Load and its measurement: autocannon over HTTP, and an open loop (uniform arrivals) for any
// async operation — the pg floor, and the service through http-open-loop.ts. Latencies are kept
// in full (floats, ms) so percentiles are exact; autocannon's own summary is integer ms and
// corrected for coordinated omission, and is reported beside them.
import autocannon from 'autocannon';

export type Latency = { count: number; errors: number; p50: number; p90: number; p99: number; max: number; mean: number; rps: number };

export function summarize(samples: number[], errors: number, seconds: number): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    count: s.length,
    errors,
    p50: round(at(0.5)),
    p90: round(at(0.9)),
    p99: round(at(0.99)),
    max: round(s[s.length - 1] ?? Number.NaN),
    mean: round(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)),
    rps: Math.round(s.length / seconds),
  };
}

export type HttpRun = {
  latency: Latency;
  samples: number[];
  autocannon: { p50: number; p99: number; non2xx: number; errors: number; timeouts: number };
};

/** autocannon at `rate` requests/s for `seconds`, each request's path from `path()`. */
export async function httpLoad(opts: { base: string; token: string; rate: number; seconds: number; connections: number; path: () => string }): Promise<HttpRun> {
  const samples: number[] = [];
  let failed = 0;
  const options: autocannon.Options = {
    url: opts.base,
    connections: opts.connections,
    overallRate: opts.rate,
    duration: opts.seconds,
    headers: { authorization: `Bearer ${opts.token}` },
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: opts.path() }) }],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (err, res) => (err ? reject(err as Error) : resolve(res)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) samples.push(responseTime);
      else if (failed++ === 0) process.stderr.write(`first non-200 answer: ${statusCode}\n`);
    });
  });
  return {
    latency: summarize(samples, failed + result.errors, opts.seconds),
    samples,
    autocannon: { p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts },
  };
}

/** `op` started `rate` times a second for `seconds` (open loop: a slow answer does not delay the next start). */
export async function openLoop(rate: number, seconds: number, op: () => Promise<unknown>): Promise<Latency & { samples: number[] }> {
  const samples: number[] = [];
  let errors = 0;
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  for (let sent = 0; sent < total; ) {
    // Sleep until the next start is due, reading answers meanwhile. Never spin on setImmediate:
    // at 1,000/s the gap is under the 1 ms timer granularity, and spinning kept most of a core
    // busy (1 of this machine's 2, taken from the service and PostgreSQL being measured). With
    // timers a tick may start two requests back to back, the later one < 1 ms late.
    const wait = start + sent * interval - performance.now();
    await new Promise((r) => (wait > 0 ? setTimeout(r, wait) : setImmediate(r)));
    while (sent < total && start + sent * interval <= performance.now()) {
      const began = performance.now();
      const p: Promise<void> = op().then(
        () => void samples.push(performance.now() - began),
        () => void errors++,
      );
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
      sent++;
    }
  }
  await Promise.all(inFlight);
  return { ...summarize(samples, errors, seconds), samples };
}
