// GET /streaming/api/status from the keys the ingest and TickStockPL keep in a real Redis.
import { createRedisBus, type Bus } from '@tickstock/bus';
import { PRODUCER_HEARTBEAT_KEY, SERVICE_KEYS, type Health, type Session, type StatusResponse } from '@tickstock/contracts';
import { createHealth, createLogger, createRegistry } from '@tickstock/observability';
import { freePort, waitFor } from '@tickstock/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { openContext, TEST_CONFIG, type TestContext } from './support';

const session: Session = { session_id: 'sess-9', universe: 'SP500', start_time: '2025-10-07T12:00:00.000Z', symbol_count: 500, status: 'active' };
const health: Health = {
  timestamp: '2025-10-07T12:14:54.000Z',
  session_id: 'sess-9',
  status: 'healthy',
  active_symbols: 498,
  ticks_per_second: 1234.5,
  patterns_detected: 12,
  indicators_calculated: 3400,
  issues: [],
  data_flow: { bars_per_minute: 500 },
  resources: null,
  connection: { active: 1 },
  extra: { uptime_seconds: 60 },
};

describe('GET /streaming/api/status', () => {
  let ctx: TestContext;
  let producer: Bus; // writes the unprefixed producer key, as TickStockPL does
  beforeAll(async () => {
    ctx = await openContext(import.meta.url);
    producer = createRedisBus({ url: process.env.REDIS_URL!, prefix: '', name: 'producer' });
  });
  afterAll(async () => {
    await producer?.close();
    await ctx?.close();
  });
  beforeEach(async () => {
    for (const key of [SERVICE_KEYS.ingestHeartbeat, SERVICE_KEYS.liveState, SERVICE_KEYS.ingestStats]) await ctx.bus.del(key);
    await producer.del(PRODUCER_HEARTBEAT_KEY);
  });

  const status = async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/streaming/api/status', headers: ctx.auth() });
    expect(res.statusCode).toBe(200);
    return res.json<StatusResponse>();
  };

  it('is offline with no ingest heartbeat, and says so with empty parts', async () => {
    expect(await status()).toEqual({ status: 'offline', session: null, health: null, subscriber_stats: {}, producer: { online: false, last_heartbeat: null } });
  });

  it('is online while the ingest beats and its state holds a session; reports health and counters as numbers', async () => {
    await ctx.bus.set(SERVICE_KEYS.ingestHeartbeat, String(Date.now()), { ttlMs: 15_000 });
    await ctx.bus.hset(SERVICE_KEYS.liveState, { session: JSON.stringify(session), health: JSON.stringify(health), updated_at: new Date().toISOString() });
    await ctx.bus.hset(SERVICE_KEYS.ingestStats, { received: '120', accepted: '118', rejected: '2' });
    expect(await status()).toEqual({
      status: 'online',
      session,
      health,
      subscriber_stats: { received: 120, accepted: 118, rejected: 2 },
      producer: { online: false, last_heartbeat: null },
    });
  });

  it('is idle when the ingest beats and the session stopped', async () => {
    await ctx.bus.set(SERVICE_KEYS.ingestHeartbeat, String(Date.now()), { ttlMs: 15_000 });
    await ctx.bus.hset(SERVICE_KEYS.liveState, { session: '', health: '' });
    expect(await status()).toMatchObject({ status: 'idle', session: null, health: null });
  });

  it('is offline once the heartbeat key expires, even with a session in the state', async () => {
    await ctx.bus.set(SERVICE_KEYS.ingestHeartbeat, String(Date.now()), { ttlMs: 200 });
    await ctx.bus.hset(SERVICE_KEYS.liveState, { session: JSON.stringify(session) });
    expect((await status()).status).toBe('online');
    await waitFor(async () => (await status()).status === 'offline', { timeoutMs: 5_000, what: 'the heartbeat to expire' });
  });

  it('reports the producer online with its last heartbeat (epoch seconds, unprefixed key)', async () => {
    const beat = Date.now() / 1000 - 5;
    await producer.set(PRODUCER_HEARTBEAT_KEY, beat.toFixed(3));
    const body = await status();
    expect(body.producer.online).toBe(true);
    expect(Date.parse(body.producer.last_heartbeat!)).toBeCloseTo(beat * 1000, -1);
  });

  it('reports the producer offline when its heartbeat is older than 60 s', async () => {
    await producer.set(PRODUCER_HEARTBEAT_KEY, String(Date.now() / 1000 - 61));
    expect((await status()).producer.online).toBe(false);
  });

  it('falls back to the last session and health in the database when Redis lost the state', async () => {
    await ctx.repos.sessions.upsertSessionStarted(session);
    await ctx.repos.health.insertHealth([health]);
    await ctx.bus.set(SERVICE_KEYS.ingestHeartbeat, String(Date.now()), { ttlMs: 15_000 });
    expect(await status()).toMatchObject({ status: 'online', session: { session_id: 'sess-9' }, health: { status: 'healthy', active_symbols: 498 } });
  });

  it('answers 503 UNAVAILABLE when Redis is unreachable', async () => {
    const deadBus = createRedisBus({ url: `redis://127.0.0.1:${await freePort()}`, prefix: 'x:', name: 'dead' });
    const app = await buildApp({
      config: TEST_CONFIG,
      repos: ctx.repos,
      bus: deadBus,
      log: createLogger({ name: 'q', level: 'silent' }),
      registry: createRegistry('q', { defaultMetrics: false }),
      health: createHealth(),
    });
    try {
      const started = Date.now();
      const res = await app.inject({ method: 'GET', url: '/streaming/api/status', headers: ctx.auth() });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(6_000);
    } finally {
      await app.close();
      await deadBus.close();
    }
  });
});
