// Composition root of the ingest, and the only file that reads process.env (HOUSE-STYLE.md).
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { createRedisBus } from '@tickstock/bus';
import { loadConfig } from '@tickstock/config';
import { createDb, prepareStorage, pruneOlderThan } from '@tickstock/db';
import { createHealth, createLogger, createOpsServer, onShutdown, throttle } from '@tickstock/observability';
import { buildIngest } from './app';
import { IngestConfigSchema } from './config';
import { createIngestMetrics } from './metrics';
import { createStoreWriterThread } from './store/store-thread';
import { reportTo } from './store/store-writer';

const SHUTDOWN_GRACE_MS = 15_000;

async function main(): Promise<void> {
  const config = loadConfig(IngestConfigSchema, process.env);
  const log = createLogger({ name: 'ingest', level: config.LOG_LEVEL });
  const owner = config.INGEST_INSTANCE_ID ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;

  const bus = createRedisBus({ url: config.REDIS_URL, prefix: config.REDIS_KEY_PREFIX, name: 'ingest', onError: rateLimited(log) });
  const db = createDb(config.DATABASE_URL);
  const storage = await prepareStorage(db, { retentionDays: config.INTRADAY_RETENTION_DAYS });
  log.info({ mode: storage.mode, applied: storage.applied, retentionDays: storage.retentionDays }, 'storage ready');

  const metrics = createIngestMetrics();
  const health = createHealth();
  const ingest = buildIngest({
    config,
    bus,
    writer: createStoreWriterThread({
      settings: { redisUrl: config.REDIS_URL, prefix: config.REDIS_KEY_PREFIX, databaseUrl: config.DATABASE_URL, consumer: owner, logLevel: config.LOG_LEVEL, deadLetterMaxLen: config.DEADLETTER_STREAM_MAXLEN },
      bus,
      report: reportTo(metrics),
      log,
    }),
    log,
    metrics,
    health,
    owner,
    prune: storage.mode === 'plain' ? () => pruneOlderThan(db, config.INTRADAY_RETENTION_DAYS) : undefined,
  });
  const ops = createOpsServer(health, metrics.registry, { metricsToken: config.METRICS_TOKEN });
  await new Promise<void>((resolve) => ops.listen(config.INGEST_PORT, resolve));
  await ingest.start();
  log.info({ port: config.INGEST_PORT, owner }, 'ingest started');

  onShutdown(log, SHUTDOWN_GRACE_MS, async () => {
    await ingest.stop({ drainMs: SHUTDOWN_GRACE_MS - 5_000 });
    await new Promise((resolve) => ops.close(resolve));
    await bus.close();
    await db.destroy();
  });
}

/** Redis outages report once per connection per reconnect attempt: log at most one line a second. */
function rateLimited(log: ReturnType<typeof createLogger>) {
  const notice = throttle(1_000);
  return (err: Error) => notice((skipped) => log.warn({ err: err.message, alsoFailed: skipped }, 'redis connection trouble'));
}

main().catch((err: unknown) => {
  // A bad setting is a ConfigError naming every bad variable; print it plainly and stop.
  process.stderr.write(`ingest failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
