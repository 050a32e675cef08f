// Every parameter at and past its edges, and injection attempts in every string parameter:
// a 400 VALIDATION_ERROR naming the parameter, or an empty answer — never a 500 (CONTRACT.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ago, errorOf, indicator, indicatorAlert, openContext, pattern, type TestContext } from './support';

const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE intraday_patterns; --",
  '" OR ""="',
  '1; SELECT pg_sleep(5)',
  "AAPL' UNION SELECT * FROM users --",
  '%',
  '%25',
  '_',
  '\\',
  '$1',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  'ÄÖÜ',
  '股票',
  '😀',
  '\u0000',
  'A'.repeat(300),
];

describe('request parameters', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await openContext(import.meta.url);
    await ctx.repos.patterns.insertPatterns([pattern({ id: 'p', symbol: 'AAPL', timestamp: ago(1) })]);
    await ctx.repos.indicators.insertIndicators([indicator({ id: 'i', symbol: 'AAPL', timestamp: ago(1) })]);
    await ctx.repos.alerts.insertAlerts([indicatorAlert({ id: 'a', symbol: 'AAPL', timestamp: ago(1) })]);
  });
  afterAll(() => ctx?.close());

  const get = (url: string) => ctx.app.inject({ method: 'GET', url, headers: ctx.auth() });
  const q = encodeURIComponent;

  async function expectInvalid(url: string, parameter: string) {
    const res = await get(url);
    expect(res.statusCode, `${url} → ${res.body}`).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.message).toContain(parameter);
    return error;
  }

  describe('hours (1..24, an integer) on every endpoint that takes it', () => {
    const bases = ['/streaming/api/patterns/AAPL?', '/streaming/api/indicators/AAPL?', '/streaming/api/alerts?', '/streaming/api/summary?'];
    it.each(bases)('%s accepts 1 and 24', async (base) => {
      expect((await get(`${base}hours=1`)).statusCode).toBe(200);
      expect((await get(`${base}hours=24`)).statusCode).toBe(200);
    });
    it.each(bases.flatMap((base) => ['0', '25', 'abc', '1.5', '-1', '', '1e1', '0x10', '24abc', '99999999999999999999'].map((v) => [base, v])))(
      '%s refuses hours=%j naming hours',
      async (base, value) => {
        const error = await expectInvalid(`${base}hours=${q(value)}`, 'hours');
        expect(error.details?.[0]).toMatchObject({ in: 'query', parameter: 'hours' });
      },
    );
  });

  describe('limit (1..1000; alerts 10..500)', () => {
    it.each([
      ['/streaming/api/patterns/AAPL', '1', 200],
      ['/streaming/api/patterns/AAPL', '1000', 200],
      ['/streaming/api/patterns/AAPL', '0', 400],
      ['/streaming/api/patterns/AAPL', '1001', 400],
      ['/streaming/api/indicators/AAPL', '1', 200],
      ['/streaming/api/indicators/AAPL', '1000', 200],
      ['/streaming/api/indicators/AAPL', '0', 400],
      ['/streaming/api/indicators/AAPL', '1001', 400],
      ['/streaming/api/alerts', '10', 200],
      ['/streaming/api/alerts', '500', 200],
      ['/streaming/api/alerts', '9', 400],
      ['/streaming/api/alerts', '501', 400],
      ['/streaming/api/alerts', '1', 400],
      ['/streaming/api/alerts', '1000', 400],
      ['/streaming/api/patterns/AAPL', '2.5', 400],
      ['/streaming/api/patterns/AAPL', 'ten', 400],
      ['/streaming/api/patterns/AAPL', '-5', 400],
    ])('%s?limit=%s → %i', async (path, limit, status) => {
      if (status === 400) await expectInvalid(`${path}?limit=${limit}`, 'limit');
      else expect((await get(`${path}?limit=${limit}`)).statusCode).toBe(200);
    });

    it('says why: the bound it passed', async () => {
      expect((await expectInvalid('/streaming/api/alerts?limit=9', 'limit')).message).toBe('limit: must be >= 10');
      expect((await expectInvalid('/streaming/api/patterns/AAPL?limit=1001', 'limit')).message).toBe('limit: must be <= 1000');
    });
  });

  describe('symbol (^[A-Za-z0-9][A-Za-z0-9._-]{0,14}$)', () => {
    it.each(['A', 'AAPL', 'brk.b', 'BF-B', 'X_1', '9', 'A'.repeat(15)])('accepts %j', async (symbol) => {
      expect((await get(`/streaming/api/patterns/${q(symbol)}`)).statusCode).toBe(200);
      expect((await get(`/streaming/api/alerts?symbol=${q(symbol)}`)).statusCode).toBe(200);
    });

    const bad = ['A'.repeat(16), 'A'.repeat(17), '.AAPL', '-A', "AAPL'", 'AA"PL', 'AAPL;', 'A%B', '%', 'ÄPPLE', '股票', '😀', 'A B', 'A/B', '', ' '];
    it.each(bad.filter((s) => s !== ''))('refuses path symbol %j naming symbol', async (symbol) => {
      const error = await expectInvalid(`/streaming/api/patterns/${q(symbol)}`, 'symbol');
      expect(error.details?.[0]).toMatchObject({ in: 'path', parameter: 'symbol' });
      await expectInvalid(`/streaming/api/indicators/${q(symbol)}`, 'symbol');
    });
    it.each(bad.filter((s) => s !== ''))('refuses alerts symbol=%j naming symbol', async (symbol) => {
      await expectInvalid(`/streaming/api/alerts?symbol=${q(symbol)}`, 'symbol');
    });

    it('answers a raw `%` (a malformed URL) with the contract error shape, not a 500', async () => {
      const res = await get('/streaming/api/patterns/%');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
    });

    it('answers a very long symbol with a 400 too', async () => {
      await expectInvalid(`/streaming/api/patterns/${'A'.repeat(400)}`, 'symbol');
    });
  });

  describe('injection attempts', () => {
    it.each(INJECTIONS)('path symbol %j: 400, never 500', async (value) => {
      const res = await get(`/streaming/api/patterns/${q(value)}`);
      expect(res.statusCode).toBe(400);
    });

    it.each(INJECTIONS)('indicator=%j: 400 or empty, never 500', async (value) => {
      const res = await get(`/streaming/api/indicators/AAPL?indicator=${q(value)}`);
      expect([200, 400]).toContain(res.statusCode);
      if (res.statusCode === 200) expect(res.json()).toEqual([]);
    });

    it.each(INJECTIONS)('alert_type=%j: 400 or empty, never 500', async (value) => {
      const res = await get(`/streaming/api/alerts?alert_type=${q(value)}`);
      expect([200, 400]).toContain(res.statusCode);
      if (res.statusCode === 200) expect(res.json()).toEqual([]);
    });

    it.each(INJECTIONS)('alerts symbol=%j: 400 or empty', async (value) => {
      const res = await get(`/streaming/api/alerts?symbol=${q(value)}`);
      expect([200, 400]).toContain(res.statusCode);
      if (res.statusCode === 200) expect(res.json()).toEqual([]);
    });

    it.each(INJECTIONS)('hours=%j and limit=%j: 400', async (value) => {
      expect((await get(`/streaming/api/summary?hours=${q(value)}`)).statusCode).toBe(400);
      expect((await get(`/streaming/api/patterns/AAPL?limit=${q(value)}`)).statusCode).toBe(400);
    });

    it('refuses control characters in a name filter (PostgreSQL could not store them anyway)', async () => {
      await expectInvalid(`/streaming/api/indicators/AAPL?indicator=${q('SMA\u0000')}`, 'indicator');
      await expectInvalid(`/streaming/api/alerts?alert_type=${q('RSI\n')}`, 'alert_type');
    });

    it('leaves the tables intact after all of it', async () => {
      expect((await get('/streaming/api/patterns/AAPL')).json()).toHaveLength(1);
      expect((await get('/streaming/api/indicators/AAPL')).json()).toHaveLength(1);
      expect((await get('/streaming/api/alerts')).json()).toHaveLength(1);
    });

    it.each(INJECTIONS)('login username %j: 401 or 400, never 500', async (value) => {
      const res = await ctx.app.inject({ method: 'POST', url: '/auth/login', payload: { username: value, password: value || 'x' } });
      expect([400, 401]).toContain(res.statusCode);
    });
  });
});
