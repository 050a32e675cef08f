// POST /auth/login, POST /auth/ws-token, GET /auth/me, and the Bearer guard of /streaming/api:
// missing, malformed, expired, wrongly signed and wrong-audience tokens are all 401.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt, signJwt } from './jwt';
import { openContext, PASSWORD, SECRET, type TestContext } from './support';

describe('auth', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await openContext(import.meta.url);
  });
  afterAll(() => ctx?.close());

  const login = (payload: unknown) => ctx.app.inject({ method: 'POST', url: '/auth/login', payload: payload as object });
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (over: Record<string, unknown> = {}) => ({ sub: 'ann', role: 'viewer', aud: 'tickstock-api', iss: 'tickstock-query', iat: now(), exp: now() + 600, ...over });

  describe('POST /auth/login', () => {
    it('answers a Bearer token valid for an hour, for the REST audience', async () => {
      const res = await login({ username: 'ann', password: PASSWORD });
      expect(res.statusCode).toBe(200);
      const body = res.json<{ token: string }>();
      expect(body).toEqual({ token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
      const { header, claims: c } = decodeJwt(body.token);
      expect(header.alg).toBe('HS256');
      expect(c).toMatchObject({ sub: 'ann', role: 'viewer', aud: 'tickstock-api', iss: 'tickstock-query' });
      expect((c.exp as number) - (c.iat as number)).toBe(3600);
    });

    it('gives the admin role to an admin', async () => {
      const res = await login({ username: 'root', password: PASSWORD });
      expect(decodeJwt(res.json<{ token: string }>().token).claims.role).toBe('admin');
    });

    it('answers an unknown user and a wrong password with the same 401', async () => {
      const unknown = await login({ username: 'nobody', password: PASSWORD });
      const wrong = await login({ username: 'root', password: 'not the password' });
      expect(unknown.statusCode).toBe(401);
      expect(wrong.statusCode).toBe(401);
      expect(unknown.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: 'invalid username or password' } });
      expect(wrong.json()).toEqual(unknown.json());
    });

    it.each([
      [{}, 'username'],
      [{ username: 'ann' }, 'password'],
      [{ username: '', password: 'x' }, 'username'],
      [{ username: 'ann', password: 5 }, 'password'],
      [{ username: 'a'.repeat(65), password: 'x' }, 'username'],
    ])('refuses the body %j with a 400 naming %s', async (payload, field) => {
      const res = await login(payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringContaining(field) });
    });

    it('refuses a body that is not JSON with a 400 in the contract shape', async () => {
      const res = await ctx.app.inject({ method: 'POST', url: '/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
    });
  });

  describe('the Bearer guard of /streaming/api', () => {
    const status = (authorization?: string) =>
      ctx.app.inject({ method: 'GET', url: '/streaming/api/patterns/AAPL', headers: authorization === undefined ? {} : { authorization } });

    it('lets a login token in', async () => {
      expect((await status(`Bearer ${ctx.token}`)).statusCode).toBe(200);
    });

    it.each([
      ['no header', undefined, 'a Bearer login token is required'],
      ['an empty header', '', 'a Bearer login token is required'],
      ['another scheme', 'Basic YW5uOnB3', 'a Bearer login token is required'],
      ['a bare token', 'TOKEN', 'a Bearer login token is required'],
      ['garbage', 'Bearer not-a-jwt', 'invalid token'],
      ['three dots of garbage', 'Bearer a.b.c', 'invalid token'],
    ])('refuses %s with 401', async (_what, header, message) => {
      const res = await status(header);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.stringContaining(message) } });
    });

    it('refuses an expired token, saying so', async () => {
      const res = await status(`Bearer ${signJwt(claims({ iat: now() - 7200, exp: now() - 3600 }), SECRET)}`);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.message).toBe('token expired');
    });

    it('refuses a token it accepted before once it has expired (verified tokens are remembered only until exp)', async () => {
      const exp = now() + 1;
      const token = signJwt(claims({ exp }), SECRET);
      expect((await status(`Bearer ${token}`)).statusCode).toBe(200);
      expect((await status(`Bearer ${token}`)).statusCode).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
      const res = await status(`Bearer ${token}`);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.message).toBe('token expired');
    });

    it('refuses the claims of a token it accepted before under any other signature', async () => {
      const token = signJwt(claims(), SECRET);
      expect((await status(`Bearer ${token}`)).statusCode).toBe(200);
      const [header, payload] = token.split('.');
      const forged = signJwt(claims(), 'another-secret-of-at-least-32-bytes!!').split('.')[2];
      for (const signature of [forged, '', 'AAAA']) {
        expect((await status(`Bearer ${header}.${payload}.${signature}`)).statusCode, signature).toBe(401);
      }
    });

    it('refuses a token signed with another secret', async () => {
      expect((await status(`Bearer ${signJwt(claims(), 'another-secret-of-at-least-32-bytes!!')}`)).statusCode).toBe(401);
    });

    it('refuses an unsigned token (alg none)', async () => {
      expect((await status(`Bearer ${signJwt(claims(), SECRET, { alg: 'none', typ: 'JWT' })}`)).statusCode).toBe(401);
    });

    it('refuses a token for another audience: a socket ticket is no login', async () => {
      const ticket = (await ctx.app.inject({ method: 'POST', url: '/auth/ws-token', headers: ctx.auth() })).json<{ token: string }>().token;
      expect((await status(`Bearer ${ticket}`)).statusCode).toBe(401);
      expect((await status(`Bearer ${signJwt(claims({ aud: 'fanout' }), SECRET)}`)).statusCode).toBe(401);
      expect((await status(`Bearer ${signJwt(claims({ aud: undefined }), SECRET)}`)).statusCode).toBe(401);
    });

    it('refuses a token from another issuer or with an unknown role', async () => {
      expect((await status(`Bearer ${signJwt(claims({ iss: 'someone-else' }), SECRET)}`)).statusCode).toBe(401);
      expect((await status(`Bearer ${signJwt(claims({ role: 'superuser' }), SECRET)}`)).statusCode).toBe(401);
    });

    it('refuses a token missing a required claim (issuer, expiry, subject)', async () => {
      for (const missing of ['iss', 'exp', 'sub']) {
        expect((await status(`Bearer ${signJwt(claims({ [missing]: undefined }), SECRET)}`)).statusCode, missing).toBe(401);
      }
    });

    it('guards every streaming route', async () => {
      for (const url of ['/streaming/api/status', '/streaming/api/patterns/AAPL', '/streaming/api/indicators/AAPL', '/streaming/api/alerts', '/streaming/api/summary']) {
        expect((await ctx.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
      }
    });
  });

  describe('POST /auth/ws-token', () => {
    it('turns a login into a 60-second ticket for the fanout carrying the login expiry', async () => {
      const res = await ctx.app.inject({ method: 'POST', url: '/auth/ws-token', headers: ctx.auth() });
      expect(res.statusCode).toBe(200);
      const body = res.json<{ token: string }>();
      expect(body).toEqual({ token: expect.any(String), expires_in: 60 });
      const ticket = decodeJwt(body.token).claims;
      const loginClaims = decodeJwt(ctx.token).claims;
      expect(ticket).toMatchObject({ sub: 'ann', role: 'viewer', aud: 'fanout', iss: 'tickstock-query', login_exp: loginClaims.exp });
      expect((ticket.exp as number) - (ticket.iat as number)).toBe(60);
    });

    it('needs a login token (401 without, 401 with a ticket)', async () => {
      expect((await ctx.app.inject({ method: 'POST', url: '/auth/ws-token' })).statusCode).toBe(401);
      const ticket = (await ctx.app.inject({ method: 'POST', url: '/auth/ws-token', headers: ctx.auth() })).json<{ token: string }>().token;
      expect((await ctx.app.inject({ method: 'POST', url: '/auth/ws-token', headers: ctx.auth(ticket) })).statusCode).toBe(401);
    });
  });

  describe('GET /auth/me', () => {
    it('says whose token it is', async () => {
      const res = await ctx.app.inject({ method: 'GET', url: '/auth/me', headers: ctx.auth() });
      expect(res.json()).toEqual({ username: 'ann', role: 'viewer' });
    });

    it('is 401 without a token', async () => {
      expect((await ctx.app.inject({ method: 'GET', url: '/auth/me' })).statusCode).toBe(401);
    });
  });
});
