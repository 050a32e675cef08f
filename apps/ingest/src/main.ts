// Composition root of the ingest, and the only file that reads process.env (HOUSE-STYLE.md):
// config → Redis bus and database → the ingest (compose.ts, its store writer on a worker thread)
// → shutdown.
import { createRedisBus } from '@tickstock/bus';
import { createDb } from '@tickstock/db';
import { createLogger, onShutdown, throttle } from '@tickstock/observability';
import { loadIngestConfig, startIngest } from './compose';

const SHUTDOWN_GRACE_MS = 15_000;

async function main(): Promise<void> {
  const config = loadIngestConfig(process.env);
  const log = createLogger({ name: 'ingest', level: config.LOG_LEVEL });
  const bus = createRedisBus({ url: config.REDIS_URL, prefix: config.REDIS_KEY_PREFIX, name: 'ingest', onError: rateLimited(log) });
  const db = createDb(config.DATABASE_URL);
  const ingest = await startIngest({ config, bus, db, log, storeWriter: 'thread' });

  onShutdown(log, SHUTDOWN_GRACE_MS, async () => {
    await ingest.stop({ drainMs: SHUTDOWN_GRACE_MS - 5_000 });
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
