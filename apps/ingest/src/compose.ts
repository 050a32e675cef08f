// The ingest composed from a bus and a database it is handed: what main.ts runs (after reading the
// environment and connecting), and the package export `@tickstock/ingest/compose` for the
// single-process local stack (tools/stack, `npm start` on the in-memory bus). The store writer
// runs on its own worker thread (store-thread.ts, with its own Redis connection) unless
// `storeWriter: 'in-process'`: a thread cannot share an in-memory bus.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Bus } from '@tickstock/bus';
import { loadConfig } from '@tickstock/config';
import { prepareStorage, pruneOlderThan, type Db } from '@tickstock/db';
import { createHealth, createOpsServer, type Logger } from '@tickstock/observability';
import { buildIngest } from './app';
import { IngestConfigSchema, type IngestConfig } from './config';
import { createIngestMetrics } from './metrics';
import { createInProcessWriter, createThreadWriter } from './store/create-writer';

export type { IngestConfig } from './config';

/** The ingest's settings from an environment, validated as the service validates its own. */
export function loadIngestConfig(env: Record<string, string | undefined>): Readonly<IngestConfig> {
  return loadConfig(IngestConfigSchema, env);
}

export type IngestInProcessDeps = {
  config: IngestConfig;
  /** Owned by the caller: stop() leaves it open. */
  bus: Bus;
  /** Owned by the caller: stop() leaves it open. */
  db: Db;
  log: Logger;
  /** Where /healthz /readyz /metrics listen (port INGEST_PORT; default every interface, as the service). */
  host?: string;
  /** `thread` (the service: REDIS_URL and DATABASE_URL of config) or `in-process` (a memory bus). */
  storeWriter: 'thread' | 'in-process';
};

export type RunningIngest = {
  /** The ops server's port. */
  port: number;
  /** Stops taking messages, flushes the buffer, stores what is queued (up to drainMs), closes the ops server. */
  stop(opts?: { drainMs?: number }): Promise<void>;
};

export async function startIngest(deps: IngestInProcessDeps): Promise<RunningIngest> {
  const { config, bus, db, log } = deps;
  const owner = config.INGEST_INSTANCE_ID ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const storage = await prepareStorage(db, { retentionDays: config.INTRADAY_RETENTION_DAYS });
  log.info({ mode: storage.mode, applied: storage.applied, retentionDays: storage.retentionDays }, 'storage ready');

  const metrics = createIngestMetrics();
  const health = createHealth();
  const ingest = buildIngest({
    config,
    bus,
    writer: (deps.storeWriter === 'thread' ? createThreadWriter : createInProcessWriter)({ config, bus, db, owner, metrics, log }),
    log,
    metrics,
    health,
    owner,
    prune: storage.mode === 'plain' ? () => pruneOlderThan(db, config.INTRADAY_RETENTION_DAYS) : undefined,
  });
  const ops = createOpsServer(health, metrics.registry, { metricsToken: config.METRICS_TOKEN });
  await new Promise<void>((resolve, reject) => {
    ops.once('error', reject);
    ops.listen(config.INGEST_PORT, deps.host, () => resolve());
  });
  await ingest.start();
  const port = (ops.address() as AddressInfo).port;
  log.info({ port, owner }, 'ingest started');

  return {
    port,
    async stop(opts = {}) {
      await ingest.stop({ drainMs: opts.drainMs ?? 5_000 });
      ops.closeAllConnections();
      await new Promise((resolve) => ops.close(resolve));
    },
  };
}
