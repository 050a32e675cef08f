// A real ingest for integration tests: its own Redis server, its own database, the real bus and
// repositories; plus a publisher standing in for TickStockPL and readers for what came out.
import { createRedisBus, type Bus } from '@tickstock/bus';
import { loadConfig } from '@tickstock/config';
import { FRAME_FIELD, SERVICE_KEYS, type ServerFrame } from '@tickstock/contracts';
import { createDb, type Db } from '@tickstock/db';
import { createHealth, createLogger } from '@tickstock/observability';
import { createTestDatabase, startRedis, uniquePrefix, waitFor, type TestDatabase, type TestPostgres, type TestRedis } from '@tickstock/testing';
import { buildIngest, type Ingest } from '../src/app';
import { IngestConfigSchema, type IngestConfig } from '../src/config';
import { createIngestMetrics, type IngestMetrics } from '../src/metrics';
import { createInProcessWriter, createThreadWriter } from '../src/store/create-writer';
import type { StoreWriterThread } from '../src/store/store-thread';

export type Stack = {
  redis: TestRedis;
  testDb: TestDatabase;
  db: Db;
  bus: Bus;
  producer: Bus;
  prefix: string;
  ingest: Ingest;
  metrics: IngestMetrics;
  config: IngestConfig;
  health: ReturnType<typeof createHealth>;
  /** The writer thread, when opts.writer is 'thread'. */
  writerThread?: StoreWriterThread;
  publish(channel: string, payload: unknown): Promise<void>;
  frames(): Promise<(ServerFrame & { seq: string })[]>;
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  close(): Promise<void>;
};

export async function startStack(
  file: string,
  env: Record<string, string> = {},
  /** writer: 'thread' runs the store writer on its worker thread, as the service does (default in-process). */
  opts: { redis?: TestRedis; owner?: string; postgres?: TestPostgres; writer?: 'inline' | 'thread' } = {},
): Promise<Stack> {
  const redis = opts.redis ?? (await startRedis());
  const testDb = await createTestDatabase(file, opts.postgres ? { server: opts.postgres } : {});
  const prefix = uniquePrefix(file);
  const logLevel = process.env.TEST_LOG_LEVEL ?? 'silent';
  const config = loadConfig(IngestConfigSchema, { REDIS_URL: redis.url, DATABASE_URL: testDb.url, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: logLevel, ...env });
  const bus = createRedisBus({ url: redis.url, prefix, name: 'ingest-test' });
  const producer = createRedisBus({ url: redis.url, prefix: 'producer:', name: 'producer' });
  const db = createDb(testDb.url);
  const metrics = createIngestMetrics();
  const health = createHealth();
  const log = createLogger({ name: 'ingest-test', level: logLevel });
  const owner = opts.owner ?? `test-${process.pid}`;
  const writerDeps = { config, bus, db, owner, metrics, log };
  const writerThread = opts.writer === 'thread' ? createThreadWriter(writerDeps) : undefined;
  const writer = writerThread ?? createInProcessWriter(writerDeps);
  const ingest = buildIngest({ config, bus, writer, log, metrics, health, owner });
  await ingest.start();
  await waitFor(() => ingest.subscriptionReady() && ingest.leadership().leader, { what: 'the ingest to subscribe and lead' });

  const frames = async () => {
    const out: (ServerFrame & { seq: string })[] = [];
    let after = '0';
    for (;;) {
      const entries = await bus.range(SERVICE_KEYS.framesStream, after, 1000);
      for (const e of entries) out.push({ ...(JSON.parse(e.fields[FRAME_FIELD] ?? '{}') as ServerFrame), seq: e.id });
      if (entries.length < 1000) return out;
      after = entries[entries.length - 1]!.id;
    }
  };

  return {
    redis,
    testDb,
    db,
    bus,
    producer,
    prefix,
    ingest,
    metrics,
    config,
    health,
    writerThread,
    async publish(channel, payload) {
      await producer.publish(channel, typeof payload === 'string' ? payload : JSON.stringify(payload));
    },
    frames,
    async metric(name, labels = {}) {
      const values = (await metrics.registry.getSingleMetric(name)?.get())?.values ?? [];
      return values
        .filter((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))
        .reduce((sum, v) => sum + v.value, 0);
    },
    async close() {
      await ingest.stop({ drainMs: 2_000 });
      await bus.close();
      await producer.close();
      await db.destroy();
      await testDb.drop();
      if (!opts.redis) await redis.stop();
    },
  };
}
