// The query service composed from a bus and a database it is handed: what main.ts runs as a
// process, and the package export `@tickstock/query/compose` with which the single-process local
// stack (tools/stack, `npm start` on the in-memory bus) runs it beside the other services.
// Migrates, creates the admin from the settings when missing, listens. No env, no signals here.
import type { Bus } from '@tickstock/bus';
import { loadConfig } from '@tickstock/config';
import { createRepositories, prepareStorage, type Db } from '@tickstock/db';
import { createHealth, createRegistry, type Logger } from '@tickstock/observability';
import { buildApp } from './app';
import { QueryConfigSchema, type QueryConfig } from './config';
import { addReadinessChecks } from './readiness';
import { ensureAdmin } from './users/ensure-admin';

export type { QueryConfig } from './config';

/** The query service's settings from an environment, validated as the service validates its own. */
export function loadQueryConfig(env: Record<string, string | undefined>): Readonly<QueryConfig> {
  return loadConfig(QueryConfigSchema, env);
}

export type QueryInProcessDeps = {
  config: QueryConfig;
  /** Owned by the caller: stop() leaves it open. */
  bus: Pick<Bus, 'get' | 'getRaw' | 'hgetall' | 'ping'>;
  /** Owned by the caller: stop() leaves it open. */
  db: Db;
  log: Logger;
};

export type RunningQuery = {
  port: number;
  /** What ADMIN_USERNAME/ADMIN_PASSWORD did at this start. */
  admin: 'created' | 'exists' | 'not-configured';
  /** Readiness 503, then stops accepting and waits for the requests in flight. */
  stop(): Promise<void>;
};

export async function startQuery(deps: QueryInProcessDeps): Promise<RunningQuery> {
  const { config, bus, db, log } = deps;
  const storage = await prepareStorage(db, { retentionDays: config.INTRADAY_RETENTION_DAYS });
  log.info({ mode: storage.mode, applied: storage.applied }, 'storage ready');

  const repos = createRepositories(db);
  const admin = await ensureAdmin(repos.users, { username: config.ADMIN_USERNAME, password: config.ADMIN_PASSWORD });
  if (admin === 'created') log.info({ username: config.ADMIN_USERNAME }, 'admin user created');

  const health = createHealth();
  addReadinessChecks(health, { db, bus });
  const app = await buildApp({ config, repos, bus, log, registry: createRegistry('query'), health });
  await app.listen({ port: config.QUERY_PORT, host: config.QUERY_HOST });
  const address = app.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : config.QUERY_PORT,
    admin,
    async stop() {
      health.markDraining(); // /readyz 503 from now on
      await app.close(); // stops accepting, waits for requests in flight
    },
  };
}
