import { describe, expect, it } from 'vitest';
import { createQueryClient, QueryError } from './query-client';

type Call = { url: string; init: RequestInit };

function fakeFetch(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = ((url: string, init: RequestInit) => {
    const call = { url, init };
    calls.push(call);
    return Promise.resolve(respond(call));
  }) as unknown as typeof globalThis.fetch;
  return { calls, fetch };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe(createQueryClient.name, () => {
  it('logs in with a JSON body', async () => {
    const f = fakeFetch(() => json(200, { token: 'tok', token_type: 'Bearer', expires_in: 3600 }));
    const sut = createQueryClient({ baseUrl: 'http://q', fetch: f.fetch });
    await expect(sut.login('ann', 'pw')).resolves.toMatchObject({ token: 'tok' });
    expect(f.calls[0]?.url).toBe('http://q/auth/login');
    expect(f.calls[0]?.init).toMatchObject({ method: 'POST', body: '{"username":"ann","password":"pw"}' });
    await sut.login('ann', 'pw', '203.0.113.7');
    expect((f.calls[1]?.init.headers as Record<string, string>)['x-forwarded-for']).toBe('203.0.113.7');
  });

  it('asks for a ticket with the Bearer token and no body (Fastify refuses an empty JSON body)', async () => {
    const f = fakeFetch(() => json(200, { token: 'ticket', expires_in: 60 }));
    await createQueryClient({ baseUrl: 'http://q', fetch: f.fetch }).wsTicket('tok');
    const headers = f.calls[0]?.init.headers as Record<string, string>;
    expect(headers['authorization']).toBe('Bearer tok');
    expect(headers['content-type']).toBeUndefined();
    expect(f.calls[0]?.init.body).toBeUndefined();
  });

  it('builds REST paths with encoded symbols and only the given parameters', async () => {
    const f = fakeFetch(() => json(200, []));
    const sut = createQueryClient({ baseUrl: 'http://q', fetch: f.fetch });
    await sut.patterns('t', 'BRK.B', { hours: 4, limit: 50 });
    await sut.indicators('t', 'NVDA', { indicator: 'RSI' });
    await sut.alerts('t', { hours: 1, symbol: 'NVDA', limit: 50 });
    expect(f.calls.map((c) => c.url)).toEqual([
      'http://q/streaming/api/patterns/BRK.B?hours=4&limit=50',
      'http://q/streaming/api/indicators/NVDA?indicator=RSI',
      'http://q/streaming/api/alerts?hours=1&symbol=NVDA&limit=50',
    ]);
  });

  it("turns the contract's error body into a QueryError with status and code", async () => {
    const f = fakeFetch(() => json(401, { error: { code: 'UNAUTHORIZED', message: 'invalid username or password' } }));
    const error = await createQueryClient({ baseUrl: 'http://q', fetch: f.fetch })
      .login('a', 'b')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryError);
    expect(error).toMatchObject({ status: 401, code: 'UNAUTHORIZED', message: 'invalid username or password' });
  });

  it('reports an unreachable service as 503 UNAVAILABLE', async () => {
    const fetch = (() => Promise.reject(new TypeError('fetch failed'))) as unknown as typeof globalThis.fetch;
    await expect(createQueryClient({ baseUrl: 'http://q', fetch }).status('t')).rejects.toMatchObject({ status: 503, code: 'UNAVAILABLE' });
  });
});
