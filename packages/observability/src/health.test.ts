import { describe, expect, it } from 'vitest';
import { createHealth, opsResponse } from './health';
import { counter, createRegistry } from './metrics';

describe(opsResponse.name, () => {
  const registry = createRegistry('test', { defaultMetrics: false });
  counter(registry, 'test_events_total', 'events').inc(3);

  it('answers /healthz 200 while the process lives', async () => {
    const sut = await opsResponse('/healthz', createHealth(), registry);
    expect(sut?.status).toBe(200);
  });

  it('answers /readyz 503 naming the failing check, and 200 once it holds', async () => {
    const health = createHealth();
    let subscribed = false;
    health.addCheck('redis_subscription', () => subscribed);
    const before = await opsResponse('/readyz', health, registry);
    expect(before?.status).toBe(503);
    expect(JSON.parse(before!.body)).toEqual({ status: 'not_ready', checks: { redis_subscription: false } });
    subscribed = true;
    expect((await opsResponse('/readyz', health, registry))?.status).toBe(200);
  });

  it('treats a throwing check as not ready instead of failing the probe', async () => {
    const health = createHealth();
    health.addCheck('db', () => Promise.reject(new Error('connection refused')));
    expect((await opsResponse('/readyz', health, registry))?.status).toBe(503);
  });

  it('answers /readyz 503 draining once draining starts, whatever the checks say', async () => {
    const health = createHealth();
    health.addCheck('ok', () => true);
    health.markDraining();
    const sut = await opsResponse('/readyz', health, registry);
    expect(sut?.status).toBe(503);
    expect(JSON.parse(sut!.body).status).toBe('draining');
  });

  it('serves Prometheus text with the service label on /metrics', async () => {
    const sut = await opsResponse('/metrics', createHealth(), registry);
    expect(sut?.contentType).toContain('text/plain');
    expect(sut?.body).toContain('test_events_total{service="test"} 3');
  });

  it('guards /metrics with a bearer token when one is configured', async () => {
    const health = createHealth();
    expect((await opsResponse('/metrics', health, registry, { metricsToken: 's3cret' }))?.status).toBe(401);
    expect((await opsResponse('/metrics', health, registry, { metricsToken: 's3cret', authorization: 'Bearer wrong!' }))?.status).toBe(401);
    expect((await opsResponse('/metrics', health, registry, { metricsToken: 's3cret', authorization: 'Bearer s3cret' }))?.status).toBe(200);
  });

  it('returns undefined for a path that is not an ops path', async () => {
    expect(await opsResponse('/other', createHealth(), registry)).toBeUndefined();
  });
});
