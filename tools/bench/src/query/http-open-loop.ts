// Uniform arrivals over HTTP: one request every 1/rate s, each on a free keep-alive socket.
// autocannon's rate option does not do this: each connection sends its per-second quota back to
// back at the top of every second (autocannon/lib/httpClient.js, `reqsMadeThisSecond`), so "1,000
// req/s over 20 connections" is 20 parallel bursts of 50 — latency under bursts, not at a steady
// rate. This client measures the steady rate, the same way openLoop measures the pg floor.
import { Agent, request } from 'node:http';
import { openLoop, type Latency } from './load';

export function httpOpenLoop(opts: { base: string; token: string; rate: number; seconds: number; path: () => string }): Promise<Latency & { samples: number[] }> {
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
