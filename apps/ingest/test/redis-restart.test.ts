// Redis killed and restarted (empty, as a cache-only Redis comes back): the ingest notices, says
// so on /readyz, subscribes again by itself, takes the lease again and keeps publishing.
import { CHANNELS, SERVICE_KEYS } from '@tickstock/contracts';
import { startRedis, waitFor, type TestRedis } from '@tickstock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './support';

const alert = (n: number) => ({ alert_type: 'RSI_OVERBOUGHT', symbol: 'NVDA', timestamp: new Date(Date.UTC(2025, 9, 16, 2, 0, n)).toISOString(), data: { n } });

describe('ingest across a Redis restart', () => {
  let redis: TestRedis;
  let stack: Stack;
  beforeAll(async () => {
    redis = await startRedis();
    stack = await startStack(import.meta.url, {}, { redis });
  });
  afterAll(async () => {
    await stack?.close();
    await redis?.stop();
  });

  it('goes not-ready while Redis is down and recovers by itself, publishing again', async () => {
    await stack.publish(CHANNELS.alertsIndicators, alert(1));
    await waitFor(async () => (await stack.frames()).length === 1, { what: 'the first frame' });

    await redis.kill!();
    await waitFor(async () => !(await stack.health.readiness()).ready, { what: '/readyz to fail' });
    expect(stack.ingest.subscriptionReady()).toBe(false);

    await redis.startServer!();
    await waitFor(async () => (await stack.health.readiness()).ready, { timeoutMs: 15_000, what: '/readyz to recover' });
    // The restarted Redis lost the lease: wait until the ingest really holds it again.
    const owner = `test-${process.pid}`;
    await waitFor(async () => (await stack.bus.get(SERVICE_KEYS.ingestLeaderLease)) === owner && stack.ingest.leadership().leader, {
      timeoutMs: 10_000,
      what: 'the lease to be taken again',
    });

    // The restarted Redis is empty: what the ingest publishes now is all the stream holds.
    await stack.publish(CHANNELS.alertsIndicators, alert(2));
    const frames = await waitFor(async () => {
      const f = await stack.frames();
      return f.length >= 1 ? f : undefined;
    }, { timeoutMs: 10_000, what: 'a frame after the restart' });
    expect(frames.map((f) => f.event === 'indicator_alert' && f.data.alert.data.n)).toEqual([2]);
  });
});
