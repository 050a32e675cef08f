// The store writer's thread: its own event loop, Redis connections and PostgreSQL pool, so
// parsing event batches, building INSERTs and the garbage they leave never hold up the main
// thread, which decodes and frames (issue 3: priority patterns within 5 ms). It reports its
// metrics to the main thread, whose /metrics serves them.
import { parentPort, workerData } from 'node:worker_threads';
import { createRedisBus } from '@tickstock/bus';
import { createDb, createRepositories } from '@tickstock/db';
import { createLogger } from '@tickstock/observability';
import { createEventStore } from './event-store';
import type { FromStoreWorker, StoreReport, StoreWorkerData, ToStoreWorker } from './store-thread-protocol';
import { createStoreWriter, type PersistenceReport } from './store-writer';
import { niceCurrentThread } from './thread-priority';

const REPORT_MS = 200;

const port = parentPort;
if (!port) throw new Error('store.worker.ts runs as a worker thread of the ingest (store-thread.ts)');
const settings = workerData as StoreWorkerData;
const post = (message: FromStoreWorker) => port.postMessage(message);

const log = createLogger({ name: 'ingest', level: settings.logLevel }).child({ thread: 'store-writer' });
post({ type: 'ready', threadId: niceCurrentThread(settings.nice) });
const bus = createRedisBus({ url: settings.redisUrl, prefix: settings.prefix, name: 'ingest-store' });
const db = createDb(settings.databaseUrl);

let pending: StoreReport = { stored: {}, lags: [], failed: 0, lost: 0, unstorable: 0 };
const report: PersistenceReport = {
  stored: (table, rows) => {
    pending.stored[table] = (pending.stored[table] ?? 0) + rows;
  },
  lagged: (seconds) => {
    for (const s of seconds) pending.lags.push(s);
  },
  failed: () => {
    pending.failed += 1;
  },
  lost: (events) => {
    pending.lost += events;
  },
  unstorable: (events) => {
    pending.unstorable += events;
  },
};
const sendReport = () => {
  const r = pending;
  if (Object.keys(r.stored).length === 0 && r.lags.length === 0 && r.failed === 0 && r.lost === 0 && r.unstorable === 0) return;
  pending = { stored: {}, lags: [], failed: 0, lost: 0, unstorable: 0 };
  post({ type: 'report', ...r });
};
setInterval(sendReport, REPORT_MS).unref();

const writer = createStoreWriter({
  bus,
  store: createEventStore(createRepositories(db)),
  report,
  log,
  consumer: settings.consumer,
  deadLetterMaxLen: settings.deadLetterMaxLen,
});

port.on('message', (message: ToStoreWorker) => {
  switch (message.type) {
    case 'start':
      writer.start();
      return;
    case 'stop':
      void writer.stop({ drainMs: message.drainMs }).then(() => {
        sendReport();
        post({ type: 'stopped' });
      });
      return;
    case 'close':
      // Nothing left to keep the loop alive once the connections are closed: the thread ends.
      void writer
        .stop()
        .then(() => Promise.allSettled([bus.close(), db.destroy()]))
        .then(() => {
          sendReport();
          port.close();
        });
      return;
  }
});
