// Uniform arrivals over HTTP: one request every 1/rate s, each on a free keep-alive socket.
// autocannon's rate option does not do this: each connection sends its per-second quota back to
// back at the top of every second (autocannon/lib/httpClient.js, `reqsMadeThisSecond`), so "1,000
// req/s over 20 connections" is 20 parallel bursts of 50 — latency under bursts, not at a steady
// rate. This client measures the steady rate, the same way openLoop measures the pg floor.
// The requests go through raw-http.ts (a fraction of node:http's CPU per request, which this
// 2-core machine would otherwise take from the service); BENCH_HTTP_CLIENT=node uses node:http.
import { Agent, request } from 'node:http';
import { openLoop, type Latency } from './load';
import { createRawHttpClient } from './raw-http';

type Options = { base: string; token: string; rate: number; seconds: number; path: () => string };

export function httpOpenLoop(opts: Options): Promise<Latency & { samples: number[] }> {
  return process.env.BENCH_HTTP_CLIENT === 'node' ? viaNodeHttp(opts) : viaRawHttp(opts);
}

function viaRawHttp(opts: Options): Promise<Latency & { samples: number[] }> {
  const client = createRawHttpClient(opts.base, { authorization: `Bearer ${opts.token}` }, 64);
  const get = async () => {
    const status = await client.get(opts.path());
    if (status !== 200) throw new Error(`status ${status}`);
  };
  return openLoop(opts.rate, opts.seconds, get).finally(() => client.close());
}

function viaNodeHttp(opts: Options): Promise<Latency & { samples: number[] }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const headers = { authorization: `Bearer ${opts.token}` };
  const get = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(`${opts.base}${opts.path()}`, { agent, headers }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end();
    });
  return openLoop(opts.rate, opts.seconds, get).finally(() => agent.destroy());
}
