// What the stream and key commands share: the command connection, the blocking pool, the
// prefix, and one wrapper that refuses calls after close() and translates driver errors.
import type { Redis } from 'ioredis';
import { BusError } from '../bus-error';
import type { BlockingPool } from './blocking-pool';
import { translateError } from './translate-error';

export type RedisCommandContext = {
  client: Redis;
  pool: BlockingPool;
  /** Adds the bus prefix to a key. */
  k: (key: string) => string;
  /** Runs fn on the command connection; rejects CLOSED after close(), BusError on failure. */
  run: <T>(what: string, fn: (client: Redis) => Promise<T>) => Promise<T>;
};

export function createCommandContext(client: Redis, pool: BlockingPool, prefix: string, isClosed: () => boolean) {
  const ctx: RedisCommandContext = {
    client,
    pool,
    k: (key) => prefix + key,
    async run(what, fn) {
      if (isClosed()) throw new BusError('CLOSED', 'the bus is closed');
      try {
        return await fn(client);
      } catch (err) {
        throw translateError(err, what);
      }
    },
  };
  return ctx;
}
