// Composition root of the query service, and the only file that reads process.env (HOUSE-STYLE.md):
// config → connect (Redis, PostgreSQL) → compose.ts (migrate, admin user, buildApp, listen) →
// shutdown in order.
import { createRedisBus } from '@tickstock/bus';
import { createDb } from '@tickstock/db';
import { createLogger, onShutdown } from '@tickstock/observability';
import { loadQueryConfig, startQuery } from './compose';

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadQueryConfig(process.env);
  const log = createLogger({ name: 'query', level: config.LOG_LEVEL });

  let lastRedisWarning = 0;
  const bus = createRedisBus({
    url: config.REDIS_URL,
    prefix: config.REDIS_KEY_PREFIX,
    name: 'query',
    // Outages report once per reconnect attempt: one line a second is enough.
    onError: (err) => {
      if (Date.now() - lastRedisWarning < 1_000) return;
      lastRedisWarning = Date.now();
      log.warn({ err: err.message }, 'redis connection trouble');
    },
  });
  const db = createDb(config.DATABASE_URL, {
    applicationName: 'query',
    maxConnections: config.DB_POOL_MAX,
    genericPlans: true,
    onPoolError: (err) => log.warn({ err: err.message }, 'idle database connection failed; the pool replaces it'),
  });
  const query = await startQuery({ config, bus, db, log });

  onShutdown(log, SHUTDOWN_GRACE_MS, async () => {
    await query.stop();
    await bus.close();
    await db.destroy();
  });
}

main().catch((err: unknown) => {
  // A bad setting is a ConfigError naming every bad variable; print it plainly and stop.
  process.stderr.write(`query failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
