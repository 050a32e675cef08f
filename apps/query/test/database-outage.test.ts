// PostgreSQL stopped under the running service, then started again (a server of this file's own):
// data routes answer 503 UNAVAILABLE at once (no hanging requests), /readyz says which dependency
// is down, /status still answers from Redis, and everything recovers with no restart of ours.
import { startPostgres, waitFor, type TestPostgres } from '@tickstock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ago, openContext, pattern, PASSWORD, type TestContext } from './support';

describe('database outage', () => {
  let server: TestPostgres;
  let ctx: TestContext;
  beforeAll(async () => {
    server = await startPostgres({ dedicated: true });
    ctx = await openContext(import.meta.url, { server });
    await ctx.repos.patterns.insertPatterns([pattern({ id: 'p', symbol: 'NVDA', timestamp: ago(1) })]);
  });
  afterAll(async () => {
    await server?.startServer?.();
    await ctx?.close();
    await server?.stop();
  });

  const timed = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const started = Date.now();
    const res = await ctx.app.inject({ method, url, headers: ctx.auth(), ...(payload ? { payload } : {}) });
    return { res, ms: Date.now() - started };
  };

  it('answers 503 UNAVAILABLE quickly while PostgreSQL is down, and recovers by itself when it is back', async () => {
    expect((await timed('GET', '/streaming/api/patterns/NVDA')).res.statusCode).toBe(200);

    await server.stopServer!();

    for (const url of ['/streaming/api/patterns/NVDA', '/streaming/api/indicators/NVDA', '/streaming/api/alerts', '/streaming/api/summary']) {
      const { res, ms } = await timed('GET', url);
      expect(res.statusCode, url).toBe(503);
      expect(res.json(), url).toEqual({ error: { code: 'UNAVAILABLE', message: 'database unavailable, try again shortly' } });
      expect(ms, url).toBeLessThan(2_500);
    }
    const login = await timed('POST', '/auth/login', { username: 'ann', password: PASSWORD });
    expect(login.res.statusCode).toBe(503);
    expect(login.ms).toBeLessThan(2_500);

    // Tokens are checked without the database; status reads Redis and falls back to nulls.
    expect((await timed('GET', '/auth/me')).res.statusCode).toBe(200);
    expect((await timed('GET', '/streaming/api/status')).res.statusCode).toBe(200);

    const ready = await ctx.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'not_ready', checks: { database: false, redis: true } });
    expect((await ctx.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);

    await server.startServer!();

    await waitFor(async () => (await ctx.app.inject({ method: 'GET', url: '/streaming/api/patterns/NVDA', headers: ctx.auth() })).statusCode === 200, {
      timeoutMs: 10_000,
      intervalMs: 100,
      what: 'the patterns route to answer again',
    });
    expect((await ctx.app.inject({ method: 'GET', url: '/streaming/api/patterns/NVDA', headers: ctx.auth() })).json()).toHaveLength(1);
    expect((await ctx.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expect((await timed('POST', '/auth/login', { username: 'ann', password: PASSWORD })).res.statusCode).toBe(200);
  });

  it('logs the failure with the request id and leaks nothing of it to the client', async () => {
    await server.stopServer!();
    try {
      const res = await ctx.app.inject({ method: 'GET', url: '/streaming/api/alerts', headers: { ...ctx.auth(), 'x-request-id': 'outage-1' } });
      expect(res.statusCode).toBe(503);
      expect(res.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/i);
      const line = ctx.logs.find((l) => l.includes('"reqId":"outage-1"') && l.includes('dependency unavailable'));
      expect(line).toMatch(/database unavailable/);
    } finally {
      await server.startServer!();
    }
  });
});
