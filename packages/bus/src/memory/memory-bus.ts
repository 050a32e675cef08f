// The in-memory engine: the whole Bus in one process, for the single-process local mode (as
// Centrifugo's memory engine serves one node) and as a fast fake in unit tests. Semantics follow
// Redis closely enough to pass the same contract suite (test/bus.contract.ts).
import type { Bus, ReadOptions, StreamEntry, Subscription } from '../bus';
import { BusError } from '../bus-error';
import { DEFAULT_READ_COUNT, nonEmptyFields, nonNegativeInt, positiveInt } from '../validate';
import { createMemoryServer, OUTAGE, type MemoryServer, type MemoryServerOptions } from './memory-server';

export type MemoryBusOptions = MemoryServerOptions & {
  /** Prefix for every key (default ''). */
  prefix?: string;
  /** Errors nobody awaits (a throwing subscriber). */
  onError?: (err: BusError) => void;
};

export type MemoryBus = Bus & {
  /** Test control: the server goes away (see MemoryServer). */
  simulateOutage: () => void;
  endOutage: () => void;
  /** Writes a key without the prefix, as TickStockPL writes its heartbeat. */
  setRaw: (key: string, value: string, opts?: { ttlMs?: number }) => Promise<void>;
};

/** A bus on a private memory server: the local mode's engine, and a fake for unit tests. */
export function createMemoryBus(opts: MemoryBusOptions = {}): MemoryBus {
  const server = createMemoryServer(opts);
  const bus = connectMemoryBus(server, opts);
  return {
    ...bus,
    simulateOutage: server.simulateOutage,
    endOutage: server.endOutage,
    setRaw: (key, value, o) =>
      new Promise<void>((resolve) => {
        if (server.isDown()) throw new BusError('UNAVAILABLE', 'the memory server is down (simulated outage)');
        server.keys.set(key, value, o?.ttlMs === undefined ? undefined : positiveInt('ttlMs', o.ttlMs));
        resolve();
      }),
  };
}

/** A bus (a "client") on a shared memory server. */
export function connectMemoryBus(server: MemoryServer, opts: Omit<MemoryBusOptions, 'now'> = {}): Bus {
  const prefix = opts.prefix ?? '';
  const { keys, streams, pubsub, waiters } = server;
  const onError = (err: BusError) => opts.onError?.(err);
  const subscriptions = new Set<Subscription>();
  const closing = new AbortController();
  const k = (key: string) => prefix + key;

  const check = () => {
    if (closing.signal.aborted) throw new BusError('CLOSED', 'the bus is closed');
    if (server.isDown()) throw new BusError('UNAVAILABLE', 'the memory server is down (simulated outage)');
  };
  // Every call is async and fails by rejecting, as it would over a socket.
  const run = <T>(fn: () => T): Promise<T> => {
    try {
      check();
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  };

  async function waitingRead(key: string, o: ReadOptions | undefined, attempt: () => StreamEntry[]): Promise<StreamEntry[]> {
    if (o?.blockMs === undefined) return run(attempt);
    const deadline = Date.now() + positiveInt('blockMs', o.blockMs);
    if (closing.signal.aborted) throw new BusError('CLOSED', 'the bus is closed');
    const stop = o.signal ? AbortSignal.any([o.signal, closing.signal]) : closing.signal;
    for (;;) {
      if (stop.aborted) return [];
      if (!server.isDown()) {
        const got = attempt();
        if (got.length > 0) return got;
      }
      const left = deadline - Date.now();
      if (left <= 0) return [];
      await waiters.wait(server.isDown() ? OUTAGE : key, left, stop);
    }
  }

  const count = (o?: { count?: number }) => positiveInt('count', o?.count ?? DEFAULT_READ_COUNT);
  const ttl = (ttlMs: number | undefined) => (ttlMs === undefined ? undefined : positiveInt('ttlMs', ttlMs));

  return {
    prefix,
    publish: (channel, text) => run(() => pubsub.publish(channel, text)),
    subscribe(channels, onMessage) {
      // Like on Redis, subscribing during an outage is fine: it becomes ready when the server is back.
      if (closing.signal.aborted) throw new BusError('CLOSED', 'the bus is closed');
      if (channels.length === 0) throw new BusError('INVALID', 'subscribe needs at least one channel');
      const sub = pubsub.subscribe(channels, onMessage, onError);
      subscriptions.add(sub);
      return {
        ...sub,
        close: () => {
          subscriptions.delete(sub);
          return sub.close();
        },
      };
    },

    append: (stream, fields, o) =>
      run(() => {
        nonEmptyFields(fields);
        const id = streams.append(k(stream), fields, o?.maxLen === undefined ? undefined : positiveInt('maxLen', o.maxLen));
        waiters.notify(k(stream));
        return id;
      }),
    async read(stream, afterId, o) {
      const n = count(o);
      const start = streams.resolveStart(k(stream), afterId);
      return waitingRead(k(stream), o, () => streams.readAfter(k(stream), start, n));
    },
    range: (stream, afterId, n) => run(() => streams.readAfter(k(stream), afterId, positiveInt('count', n))),
    streamInfo: (stream) => run(() => streams.info(k(stream))),

    createGroup: (stream, group, startId = '$') => run(() => streams.createGroup(k(stream), group, startId)),
    async readGroup(stream, group, consumer, o) {
      const n = count(o);
      return waitingRead(k(stream), o, () => streams.readGroupNew(k(stream), group, consumer, n));
    },
    ack: (stream, group, ids) => run(() => streams.ack(k(stream), group, ids)),
    deleteEntries: (stream, ids) => run(() => streams.deleteEntries(k(stream), ids)),
    autoclaim: (stream, group, consumer, minIdleMs, o) =>
      run(() =>
        streams.autoclaim(k(stream), group, consumer, nonNegativeInt('minIdleMs', minIdleMs), o?.startId ?? '0-0', count(o)),
      ),
    pendingCount: (stream, group) => run(() => streams.pendingCount(k(stream), group)),

    get: (key) => run(() => keys.get(k(key))),
    getRaw: (key) => run(() => keys.get(key)),
    set: (key, value, o) => run(() => keys.set(k(key), value, ttl(o?.ttlMs))),
    del: (key) => run(() => keys.del(k(key))),
    incr: (key) => run(() => keys.incr(k(key))),
    hset: (key, fields, o) => run(() => keys.hset(k(key), fields, ttl(o?.ttlMs))),
    hgetall: (key) => run(() => keys.hgetall(k(key))),
    acquireLease: (key, owner, ttlMs) => run(() => keys.acquireLease(k(key), owner, positiveInt('ttlMs', ttlMs))),
    renewLease: (key, owner, ttlMs) => run(() => keys.renewLease(k(key), owner, positiveInt('ttlMs', ttlMs))),
    releaseLease: (key, owner) => run(() => keys.releaseLease(k(key), owner)),
    appendFenced: (stream, fields, o) =>
      run(() => {
        nonEmptyFields(fields);
        if (!keys.holdsLease(k(o.leaseKey), o.owner)) return null;
        const id = streams.append(k(stream), fields, o.maxLen === undefined ? undefined : positiveInt('maxLen', o.maxLen));
        waiters.notify(k(stream));
        return id;
      }),

    appendFencedBatch: (stream, entries, o) =>
      run(() => {
        entries.forEach(nonEmptyFields);
        if (entries.length === 0) return [];
        if (!keys.holdsLease(k(o.leaseKey), o.owner)) return null;
        const cap = o.maxLen === undefined ? undefined : positiveInt('maxLen', o.maxLen);
        const ids = entries.map((fields) => streams.append(k(stream), fields, cap));
        waiters.notify(k(stream));
        return ids;
      }),

    ping: () => run(() => undefined),
    async close() {
      if (closing.signal.aborted) return;
      closing.abort();
      await Promise.all([...subscriptions].map((s) => s.close()));
      subscriptions.clear();
    },
  };
}
