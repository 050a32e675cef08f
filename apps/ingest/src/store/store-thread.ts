// The store writer run on a worker thread (store.worker.ts), behind the same StoreWriter
// interface app.ts uses for the in-process one. The thread is made on the first start() and
// kept across leadership changes; if it dies it is made again (and counted as a failed batch).
import { Worker } from 'node:worker_threads';
import type { Bus } from '@tickstock/bus';
import { SERVICE_KEYS } from '@tickstock/contracts';
import type { Logger } from '@tickstock/observability';
import type { FromStoreWorker, StoreWorkerData, ToStoreWorker } from './store-thread-protocol';
import type { PersistenceReport, StoreWriter } from './store-writer';

/**
 * The thread's heap, bounded: it holds one round of ~2,000 events and their INSERT (~18 MB live
 * after a full GC in the ingest bench); without a bound V8 let it grow to ~100 MB of garbage
 * before collecting, all of it in the ingest's RSS. Past the bound the thread dies and is made again.
 */
const THREAD_HEAP = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 };
const RESPAWN_MIN_MS = 1_000;
const RESPAWN_MAX_MS = 30_000;
const CLOSE_TIMEOUT_MS = 5_000;

// Sources run by tsx load the worker's TypeScript; the release bundle ships it as
// store.worker.mjs beside main.mjs (tools/release bundles every src/**/*.worker.ts).
const fromSources = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(fromSources ? './store.worker.ts' : './store.worker.mjs', import.meta.url);
/** tsx's registration API: a development dependency, used only when running from the sources (never by the bundle). */
const TSX_REGISTER_MODULE = 'tsx/esm/api';

export type StoreThreadDeps = {
  settings: StoreWorkerData;
  /** For backlog(): the main thread's own connection. */
  bus: Bus;
  report: PersistenceReport;
  log: Logger;
};

export type StoreWriterThread = StoreWriter & {
  /** The kernel id of the running thread (to check its niceness), null before it reports or off Linux. */
  threadId(): number | null;
};

export function createStoreWriterThread(deps: StoreThreadDeps): StoreWriterThread {
  const { report, log } = deps;
  let worker: Worker | undefined;
  let threadId: number | null = null;
  let wanted = false;
  let closing = false;
  // Doubles while threads keep dying without reporting; back to the minimum once one works.
  let respawnMs = RESPAWN_MIN_MS;
  // One 'stopped' comes back per 'stop' sent, in order (a leadership flap can send two).
  const stopWaiters: (() => void)[] = [];
  const releaseStopWaiters = () => {
    for (const resolve of stopWaiters.splice(0)) resolve();
  };

  const send = (message: ToStoreWorker) => worker?.postMessage(message);

  function spawn(): Worker {
    const w = fromSources
      ? // Run from the sources (tsx, vitest): node 20 does not pass tsx's loader on to threads
        // (privatenumber/tsx#354), so the thread registers it before importing the worker.
        new Worker(`import(${JSON.stringify(TSX_REGISTER_MODULE)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}); })`, {
          eval: true,
          workerData: deps.settings,
          name: 'ingest-store-writer',
          resourceLimits: THREAD_HEAP,
        })
      : new Worker(WORKER_URL, { workerData: deps.settings, name: 'ingest-store-writer', resourceLimits: THREAD_HEAP });
    w.on('message', (message: FromStoreWorker) => {
      switch (message.type) {
        case 'report':
          respawnMs = RESPAWN_MIN_MS;
          for (const [table, rows] of Object.entries(message.stored)) report.stored(table, rows);
          report.lagged(message.lags);
          for (let i = 0; i < message.failed; i++) report.failed();
          if (message.lost > 0) report.lost(message.lost);
          if (message.unstorable > 0) report.unstorable(message.unstorable);
          return;
        case 'stopped':
          stopWaiters.shift()?.();
          return;
        case 'ready':
          threadId = message.threadId;
          log.debug({ threadId, nice: deps.settings.nice }, 'store writer thread running');
          return;
      }
    });
    w.on('error', (err) => log.error({ err }, 'store writer thread failed'));
    w.on('exit', (code) => {
      if (worker !== w) return;
      worker = undefined;
      threadId = null;
      releaseStopWaiters();
      if (closing) return;
      log.error({ code, retryInMs: respawnMs }, 'store writer thread exited; starting another');
      report.failed();
      const delay = respawnMs;
      respawnMs = Math.min(respawnMs * 2, RESPAWN_MAX_MS);
      setTimeout(() => {
        if (wanted && !closing && !worker) {
          worker = spawn();
          send({ type: 'start' });
        }
      }, delay).unref();
    });
    return w;
  }

  return {
    start() {
      wanted = true;
      worker ??= spawn();
      send({ type: 'start' });
    },
    async stop(opts = {}) {
      wanted = false;
      if (!worker) return;
      const done = new Promise<void>((resolve) => stopWaiters.push(resolve));
      send({ type: 'stop', drainMs: opts.drainMs ?? 0 });
      await done;
    },
    threadId: () => threadId,
    backlog: async () => (await deps.bus.streamInfo(SERVICE_KEYS.eventsStream)).length,
    async close() {
      closing = true;
      const w = worker;
      if (!w) return;
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      send({ type: 'close' });
      const timer = setTimeout(() => void w.terminate(), CLOSE_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
