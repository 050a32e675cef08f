// Messages between the ingest's main thread and its store writer thread (store-thread.ts,
// store.worker.ts). Plain data: they cross a MessagePort (structured clone).

/** What the main thread hands the worker: it reads no environment of its own (HOUSE-STYLE.md). */
export type StoreWorkerData = {
  redisUrl: string;
  prefix: string;
  databaseUrl: string;
  consumer: string;
  logLevel: string;
  deadLetterMaxLen: number;
  /** The thread's nice value (thread-priority.ts); 0 keeps the process's. */
  nice: number;
};

export type ToStoreWorker = { type: 'start' } | { type: 'stop'; drainMs: number } | { type: 'close' };

/** Persistence metrics accumulated since the last report (see PersistenceReport). */
export type StoreReport = { stored: Record<string, number>; lags: number[]; failed: number; lost: number; unstorable: number };

export type FromStoreWorker = ({ type: 'report' } & StoreReport) | { type: 'stopped' } | { type: 'ready'; threadId: number | null };
