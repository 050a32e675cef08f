// Brute force meets two limits (issue 4): @fastify/rate-limit per client address, and a lockout
// per account kept in the database. Both answer 429 RATE_LIMITED.
import { waitFor } from '@tickstock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, PASSWORD, type TestContext } from './support';

describe('login lockout per account', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await openContext(import.meta.url, { config: { LOGIN_MAX_FAILED_ATTEMPTS: 3, LOGIN_LOCKOUT_SECONDS: 2 } });
  });
  afterAll(() => ctx?.close());

  // Each attempt from its own address, so the per-client limit is not what answers.
  let client = 0;
  const login = (username: string, password: string) =>
    ctx.app.inject({ method: 'POST', url: '/auth/login', payload: { username, password }, remoteAddress: `10.0.0.${++client}` });

  it('locks the account after 3 wrong passwords: 429, even for the right password, then opens again', async () => {
    for (let i = 0; i < 3; i++) expect((await login('ann', 'wrong password')).statusCode).toBe(401);
    const locked = await login('ann', PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('RATE_LIMITED');
    const row = await ctx.repos.users.findByUsername('ann');
    expect(row?.locked_until?.getTime()).toBeGreaterThan(Date.now());

    // The lock lasts LOGIN_LOCKOUT_SECONDS (2 s here); wait for the stored deadline to pass.
    await waitFor(() => Date.now() > row!.locked_until!.getTime(), { timeoutMs: 5_000, intervalMs: 50, what: 'the lock to pass' });
    expect((await login('ann', PASSWORD)).statusCode).toBe(200);
    expect((await ctx.repos.users.findByUsername('ann'))?.failed_attempts).toBe(0);
  });

  it('locks an unknown name the same way, so a 429 does not reveal which names exist', async () => {
    for (let i = 0; i < 3; i++) expect((await login('ghost', 'whatever')).statusCode).toBe(401);
    expect((await login('ghost', 'whatever')).statusCode).toBe(429);
  });

  it('does not lock other accounts', async () => {
    for (let i = 0; i < 3; i++) await login('root', 'wrong password');
    expect((await login('ann', PASSWORD)).statusCode).toBe(200);
  });
});

describe('login rate limit per client', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await openContext(import.meta.url, { config: { LOGIN_RATE_LIMIT_PER_MINUTE: 5, LOGIN_MAX_FAILED_ATTEMPTS: 100 } });
  });
  afterAll(() => ctx?.close());

  const login = (remoteAddress: string, password = 'wrong password') =>
    ctx.app.inject({ method: 'POST', url: '/auth/login', payload: { username: 'ann', password }, remoteAddress });

  it('answers 429 RATE_LIMITED with Retry-After once a client passes the limit', async () => {
    // openContext logged in once from the default address; use fresh ones here.
    for (let i = 0; i < 5; i++) expect((await login('192.0.2.1')).statusCode).toBe(401);
    const limited = await login('192.0.2.1', PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({ error: { code: 'RATE_LIMITED', message: expect.stringContaining('too many requests') } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('counts each client on its own', async () => {
    expect((await login('192.0.2.2', PASSWORD)).statusCode).toBe(200);
  });

  it('does not limit the other routes', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await ctx.app.inject({ method: 'GET', url: '/auth/me', headers: ctx.auth(), remoteAddress: '192.0.2.1' })).statusCode).toBe(200);
    }
  });
});
