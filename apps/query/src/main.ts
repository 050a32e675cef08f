// Composition root of the query service, and the only file that reads process.env (HOUSE-STYLE.md):
// config → connect (Redis, PostgreSQL) → admin user → buildApp → listen → shutdown in order.
import { createRedisBus } from '@tickstock/bus';
import { loadConfig } from '@tickstock/config';
import { createDb, createRepositories, prepareStorage } from '@tickstock/db';
import { createHealth, createLogger, createRegistry, onShutdown, throttle } from '@tickstock/observability';
import { buildApp } from './app';
import { QueryConfigSchema } from './config';
import { addReadinessChecks } from './readiness';
import { ensureAdmin } from './users/ensure-admin';

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig(QueryConfigSchema, process.env);
  const log = createLogger({ name: 'query', level: config.LOG_LEVEL });

  const redisNotice = throttle(1_000);
  const bus = createRedisBus({
    url: config.REDIS_URL,
    prefix: config.REDIS_KEY_PREFIX,
    name: 'query',
    // Outages report once per reconnect attempt: one line a second is enough.
    onError: (err) => redisNotice((skipped) => log.warn({ err: err.message, alsoFailed: skipped }, 'redis connection trouble')),
  });
  const db = createDb(config.DATABASE_URL, {
    applicationName: 'query',
    maxConnections: config.DB_POOL_MAX,
    onPoolError: (err) => log.warn({ err: err.message }, 'idle database connection failed; the pool replaces it'),
  });
  const storage = await prepareStorage(db, { retentionDays: config.INTRADAY_RETENTION_DAYS });
  log.info({ mode: storage.mode, applied: storage.applied }, 'storage ready');

  const repos = createRepositories(db);
  const admin = await ensureAdmin(repos.users, { username: config.ADMIN_USERNAME, password: config.ADMIN_PASSWORD });
  if (admin === 'created') log.info({ username: config.ADMIN_USERNAME }, 'admin user created');

  const health = createHealth();
  addReadinessChecks(health, { db, bus });
  const app = await buildApp({ config, repos, bus, log, registry: createRegistry('query'), health });
  await app.listen({ port: config.QUERY_PORT, host: config.QUERY_HOST });

  onShutdown(log, SHUTDOWN_GRACE_MS, async () => {
    health.markDraining(); // /readyz 503 from now on
    await app.close(); // stops accepting, waits for requests in flight
    await bus.close();
    await db.destroy();
  });
}

main().catch((err: unknown) => {
  // A bad setting is a ConfigError naming every bad variable; print it plainly and stop.
  process.stderr.write(`query failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
