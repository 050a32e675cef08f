// What browsers and operators see besides the data: OpenAPI and /docs, CORS for the dashboard
// only, security headers, request ids, the error shape, the probes and metrics, and logs that
// never hold a password or a token.
import { createHealth } from '@tickstock/observability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, PASSWORD, type TestContext } from './support';

describe('HTTP surface', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await openContext(import.meta.url);
  });
  afterAll(() => ctx?.close());

  describe('OpenAPI', () => {
    it('serves /openapi.json (3.1) with every contract path, its parameters and bearer security', async () => {
      const res = await ctx.app.inject({ method: 'GET', url: '/openapi.json' });
      expect(res.statusCode).toBe(200);
      type Operation = { security: unknown; parameters: { name: string; in: string; schema: object }[]; responses: Record<string, { content?: Record<string, { schema: { type: string } }> }> };
      const doc = res.json<{ openapi: string; paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, object> } }>();
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths).sort()).toEqual(
        [
          '/auth/login',
          '/auth/me',
          '/auth/ws-token',
          '/healthz',
          '/metrics',
          '/readyz',
          '/streaming/api/alerts',
          '/streaming/api/indicators/{symbol}',
          '/streaming/api/patterns/{symbol}',
          '/streaming/api/status',
          '/streaming/api/summary',
        ].sort(),
      );
      const patterns = doc.paths['/streaming/api/patterns/{symbol}']!.get!;
      expect(patterns.security).toEqual([{ bearerAuth: [] }]);
      const params = Object.fromEntries(patterns.parameters.map((p) => [`${p.in}:${p.name}`, p.schema]));
      expect(params['path:symbol']).toMatchObject({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,14}$' });
      expect(params['query:hours']).toMatchObject({ type: 'integer', minimum: 1, maximum: 24, default: 1 });
      expect(params['query:limit']).toMatchObject({ type: 'integer', minimum: 1, maximum: 1000, default: 100 });
      const alerts = doc.paths['/streaming/api/alerts']!.get!;
      expect(alerts.parameters.find((p) => p.name === 'limit')!.schema).toMatchObject({ minimum: 10, maximum: 500 });
      expect(patterns.responses['200']!.content!['application/json']!.schema.type).toBe('array');
      expect(patterns.responses['401']).toBeDefined();
      expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    });

    it('serves a browsable /docs page', async () => {
      const page = await ctx.app.inject({ method: 'GET', url: '/docs' });
      const html = page.statusCode === 302 ? await ctx.app.inject({ method: 'GET', url: page.headers.location as string }) : page;
      expect(html.statusCode).toBe(200);
      expect(html.headers['content-type']).toContain('text/html');
      expect(html.body).toContain('swagger-ui');
    });
  });

  describe('CORS', () => {
    it('allows the dashboard origin, with credentials', async () => {
      const res = await ctx.app.inject({
        method: 'OPTIONS',
        url: '/streaming/api/status',
        headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('http://localhost:3000');
      expect(res.headers['access-control-allow-credentials']).toBe('true');
      expect(String(res.headers['access-control-allow-headers'])).toMatch(/authorization/i);
    });

    it('gives no CORS grant to any other origin', async () => {
      const res = await ctx.app.inject({ method: 'GET', url: '/healthz', headers: { origin: 'https://evil.example' } });
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('headers', () => {
    it('sets the security headers (helmet)', async () => {
      const res = await ctx.app.inject({ method: 'GET', url: '/healthz' });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toBeDefined();
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-powered-by']).toBeUndefined();
    });

    it('gives every response a request id, keeping a well-formed one the caller sent', async () => {
      const own = await ctx.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'req-42.abc' } });
      expect(own.headers['x-request-id']).toBe('req-42.abc');
      const made = await ctx.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id\n{"level":60}' } });
      expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('errors', () => {
    it('answers an unknown route with 404 NOT_FOUND in the contract shape', async () => {
      const res = await ctx.app.inject({ method: 'GET', url: '/streaming/api/nothing' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
    });

    it('answers a wrong content type with a 400 in the contract shape', async () => {
      const res = await ctx.app.inject({ method: 'POST', url: '/auth/login', headers: { 'content-type': 'text/plain' }, payload: 'hi' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
    });

    it('answers an oversized body with a 400 in the contract shape', async () => {
      const res = await ctx.app.inject({ method: 'POST', url: '/auth/login', payload: { username: 'ann', password: 'x'.repeat(20_000) } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
    });
  });

  describe('ops', () => {
    it('answers /healthz and /readyz (database and Redis reachable)', async () => {
      expect((await ctx.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
      const ready = await ctx.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ready', checks: { database: true, redis: true } });
    });

    it('answers /readyz 503 while draining', async () => {
      const health = createHealth();
      health.markDraining();
      const other = await openContext(import.meta.url, { deps: { health } });
      try {
        expect((await other.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
      } finally {
        await other.close();
      }
    });

    it('counts request durations by route pattern and status in /metrics', async () => {
      await ctx.app.inject({ method: 'GET', url: '/streaming/api/patterns/NVDA', headers: ctx.auth() });
      await ctx.app.inject({ method: 'GET', url: '/streaming/api/patterns/nvda?hours=0', headers: ctx.auth() });
      const text = (await ctx.app.inject({ method: 'GET', url: '/metrics' })).body;
      expect(text).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/streaming\/api\/patterns\/:symbol"[^}]*status_code="200"[^}]*\} 1/);
      expect(text).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/streaming\/api\/patterns\/:symbol"[^}]*status_code="400"[^}]*\} 1/);
      expect(text).not.toContain('NVDA');
    });
  });

  describe('logs', () => {
    it('log each request with its id, and never a password, a token or the Authorization header', async () => {
      const before = ctx.logs.length;
      const login = await ctx.app.inject({ method: 'POST', url: '/auth/login', payload: { username: 'ann', password: PASSWORD }, headers: { 'x-request-id': 'log-check-1' } });
      const token = login.json<{ token: string }>().token;
      await ctx.app.inject({ method: 'GET', url: '/streaming/api/status', headers: { authorization: `Bearer ${token}`, 'x-request-id': 'log-check-2' } });
      await ctx.app.inject({ method: 'GET', url: '/streaming/api/status', headers: { authorization: 'Bearer forged.token.value' } });
      await ctx.app.inject({ method: 'POST', url: '/auth/login', payload: { username: 'ann', password: 'a wrong password' } });
      const lines = ctx.logs.slice(before).join('');
      expect(lines).toContain('"reqId":"log-check-1"');
      expect(lines).toContain('"reqId":"log-check-2"');
      for (const secret of [PASSWORD, 'a wrong password', token, token.split('.')[2]!, 'forged.token.value']) expect(lines).not.toContain(secret);
      expect(lines.toLowerCase()).not.toContain('authorization');
    });
  });
});
