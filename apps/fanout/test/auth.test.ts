// CONTRACT.md, WebSocket: no valid ticket → HTTP 401 before the upgrade (never a socket); the
// socket closes with 4001 when the login it came from expires; a per-IP connection-rate limit.
import { startRedis, uniquePrefix, type TestRedis } from '@tickstock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcess, type InProcessPod } from './helpers/fanout-in-process';
import { loginToken, ticket } from './helpers/tickets';
import { connect, upgradeStatus } from './helpers/ws-client';

let redis: TestRedis;
let sut: InProcessPod;

beforeAll(async () => {
  redis = await startRedis();
  sut = await startInProcess(redis.url, uniquePrefix(import.meta.filename));
}, 30_000);

afterAll(async () => {
  await sut?.stop();
  await redis?.stop();
});

describe('ticket check before the upgrade', () => {
  it('answers 401 without a ticket', async () => {
    expect(await upgradeStatus(sut.port, null)).toBe(401);
  });

  it('answers 401 to a ticket with a bad signature', async () => {
    expect(await upgradeStatus(sut.port, await ticket({ secret: 'another-secret-another-secret-0000' }))).toBe(401);
  });

  it('answers 401 to an expired ticket', async () => {
    expect(await upgradeStatus(sut.port, await ticket({ expiresIn: -5 }))).toBe(401);
  });

  it('answers 401 to a login token, which has another audience', async () => {
    expect(await upgradeStatus(sut.port, await loginToken())).toBe(401);
  });

  it('answers 401 to a ticket from another issuer', async () => {
    expect(await upgradeStatus(sut.port, await ticket({ issuer: 'someone-else' }))).toBe(401);
  });

  it('opens a socket for a valid ticket and sends welcome first', async () => {
    const client = await connect(sut.port, await ticket());
    await client.until((f) => f.length >= 1, 'welcome');
    expect(client.frames[0]!.event).toBe('welcome');
    await client.close();
  });

  it('counts every refusal by reason and never opened a socket for one', async () => {
    expect(await sut.metric('fanout_upgrades_refused_total', { reason: 'unauthorized_missing' })).toBeGreaterThanOrEqual(1);
    expect(await sut.metric('fanout_upgrades_refused_total', { reason: 'unauthorized_audience' })).toBeGreaterThanOrEqual(1);
    expect(await sut.metric('fanout_upgrades_refused_total', { reason: 'unauthorized_expired' })).toBeGreaterThanOrEqual(1);
    expect(await sut.metric('fanout_connections_opened_total')).toBe(1);
  });
});

describe('login expiry', () => {
  it('closes the socket with 4001 when the login behind the ticket expires', async () => {
    const client = await connect(sut.port, await ticket({ loginExpiresIn: 2 }));
    const started = Date.now();
    const { code } = await client.closed;
    expect(code).toBe(4001);
    expect(Date.now() - started).toBeLessThan(4_000);
  });
});

describe('per-IP connection-rate limit', () => {
  it('answers 429 once an address used its burst, while other pods are unaffected', async () => {
    const limited = await startInProcess(redis.url, uniquePrefix('rate'), { FANOUT_CONN_RATE_PER_IP: 0.5, FANOUT_CONN_BURST_PER_IP: 3 });
    try {
      const token = await ticket();
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push(await upgradeStatus(limited.port, token));
      expect(statuses).toEqual([101, 101, 101, 429, 429]);
      expect(await upgradeStatus(sut.port, token)).toBe(101);
    } finally {
      await limited.stop();
    }
  });
});
