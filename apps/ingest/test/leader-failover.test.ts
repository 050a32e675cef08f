// Two ingest processes: exactly one leads and publishes. The leader is killed (SIGKILL, no
// goodbye): the standby publishes within 3 s, and no frame is published twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRedisBus, type Bus } from '@tickstock/bus';
import { CHANNELS, FENCE_FIELD, FRAME_FIELD, SERVICE_KEYS, type ServerFrame } from '@tickstock/contracts';
import { createTestDatabase, freePort, startRedis, uniquePrefix, waitFor, type TestDatabase, type TestRedis } from '@tickstock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const appDir = fileURLToPath(new URL('..', import.meta.url));

type Replica = { id: string; port: number; child: ChildProcess };

describe('ingest leader failover', () => {
  let redis: TestRedis;
  let testDb: TestDatabase;
  let bus: Bus;
  let producer: Bus;
  const prefix = uniquePrefix(import.meta.url);
  const replicas: Replica[] = [];

  async function startReplica(id: string): Promise<Replica> {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: appDir,
      env: { ...process.env, REDIS_URL: redis.url, DATABASE_URL: testDb.url, REDIS_KEY_PREFIX: prefix, INGEST_PORT: String(port), INGEST_INSTANCE_ID: id, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const replica = { id, port, child };
    replicas.push(replica);
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200, { timeoutMs: 30_000, what: `${id} ready` });
    return replica;
  }

  beforeAll(async () => {
    redis = await startRedis();
    testDb = await createTestDatabase(import.meta.url);
    bus = createRedisBus({ url: redis.url, prefix });
    producer = createRedisBus({ url: redis.url, prefix: 'producer:' });
  });
  afterAll(async () => {
    for (const r of replicas) r.child.kill('SIGKILL');
    await bus?.close();
    await producer?.close();
    await testDb?.drop();
    await redis?.stop();
  });

  it('hands over to the standby within 3 s of the leader dying, with no frame twice', async () => {
    const a = await startReplica('replica-a');
    await waitFor(async () => (await bus.get(SERVICE_KEYS.ingestLeaderLease)) === 'replica-a', { what: 'a to lead' });
    await startReplica('replica-b');

    let n = 0;
    let publishing = true;
    const traffic = (async () => {
      while (publishing) {
        const alert = { alert_type: 'RSI_OVERSOLD', symbol: 'NVDA', timestamp: new Date(Date.UTC(2025, 9, 16) + n * 1000).toISOString(), data: { n } };
        n += 1;
        await producer.publish(CHANNELS.alertsIndicators, JSON.stringify(alert));
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    await waitFor(async () => (await bus.streamInfo(SERVICE_KEYS.framesStream)).length >= 20, { what: 'a to publish' });
    a.child.kill('SIGKILL');
    const killedAt = Date.now();
    const takeover = await waitFor(
      async () => {
        const entries = await bus.range(SERVICE_KEYS.framesStream, '0', 10_000);
        return entries.find((e) => e.fields[FENCE_FIELD] !== '1');
      },
      { timeoutMs: 10_000, what: 'a frame from the new leader' },
    );
    const takeoverMs = Number(takeover.id.split('-')[0]) - killedAt;
    expect(await bus.get(SERVICE_KEYS.ingestLeaderLease)).toBe('replica-b');
    expect(takeoverMs).toBeLessThanOrEqual(3_000);

    publishing = false;
    await traffic;
    const entries = await bus.range(SERVICE_KEYS.framesStream, '0', 10_000);
    const seen = entries.map((e) => (JSON.parse(e.fields[FRAME_FIELD]!) as Extract<ServerFrame, { event: 'indicator_alert' }>).data.alert.data.n as number);
    expect(new Set(seen).size).toBe(seen.length); // no frame twice
    expect(seen).toEqual([...seen].sort((x, y) => x - y)); // and in order
    // The messages published while nobody led are the gap; the new leader reports it in its metrics.
    const metrics = await (await fetch(`http://127.0.0.1:${replicas[1]!.port}/metrics`)).text();
    expect(metrics).toMatch(/ingest_leader_gap_seconds_count\{service="ingest"\} 1/);
  });
});
