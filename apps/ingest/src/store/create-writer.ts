// The store writer the ingest runs: on its own worker thread (store-thread.ts; the service) or in
// this thread (a bus the thread cannot reach, the in-memory one). One place for both, so the
// service, the single-process stack and the integration tests wire them the same way.
import type { Bus } from '@tickstock/bus';
import { createRepositories, type Db } from '@tickstock/db';
import type { Logger } from '@tickstock/observability';
import type { IngestConfig } from '../config';
import type { IngestMetrics } from '../metrics';
import { createEventStore } from './event-store';
import { createStoreWriterThread, type StoreWriterThread } from './store-thread';
import { createStoreWriter, reportTo, type StoreWriter } from './store-writer';

export type StoreWriterDeps = {
  config: IngestConfig;
  bus: Bus;
  db: Db;
  /** This replica's name: the consumer in the events stream's group. */
  owner: string;
  metrics: IngestMetrics;
  log: Logger;
};

export function createThreadWriter(deps: StoreWriterDeps): StoreWriterThread {
  const { config } = deps;
  return createStoreWriterThread({
    settings: {
      redisUrl: config.REDIS_URL,
      prefix: config.REDIS_KEY_PREFIX,
      databaseUrl: config.DATABASE_URL,
      consumer: deps.owner,
      logLevel: config.LOG_LEVEL,
      deadLetterMaxLen: config.DEADLETTER_STREAM_MAXLEN,
      nice: config.INGEST_STORE_NICE,
    },
    bus: deps.bus,
    report: reportTo(deps.metrics),
    log: deps.log,
  });
}

export function createInProcessWriter(deps: StoreWriterDeps): StoreWriter {
  return createStoreWriter({
    bus: deps.bus,
    store: createEventStore(createRepositories(deps.db)),
    report: reportTo(deps.metrics),
    deadLetterMaxLen: deps.config.DEADLETTER_STREAM_MAXLEN,
    log: deps.log,
    consumer: deps.owner,
  });
}
