// How each kind of connection behaves when Redis goes away. Three roles, three policies:
// - command: queues while connecting, but a command caught by a drop rejects UNAVAILABLE
//   instead of being resent after the reconnect (by default): its effect is unknown, and a
//   silent resend could apply an XADD or an INCR twice. The caller (the ingest appending
//   frames) learns of an outage within one reconnect attempt and decides to retry or count;
// - blocking: one XREAD/XREADGROUP BLOCK at a time, never queued nor resent by the driver:
//   blocking-pool.ts decides when to retry, so a read always settles near its deadline;
// - subscriber: resubscribes itself on every `ready` (redis-subscriber.ts), so readiness flips
//   back only once the server confirmed the subscription.
// Every client gets an 'error' listener: an unhandled 'error' event would crash the process.
import { Redis, type RedisOptions } from 'ioredis';
import type { BusError } from '../bus-error';
import { translateError } from './translate-error';

export type Role = 'command' | 'blocking' | 'subscriber';

export type ConnectionSettings = {
  url: string;
  /** CLIENT SETNAME is `${name}:${role}`, so CLIENT LIST shows who is who. */
  name: string;
  commandTimeoutMs: number;
  connectTimeoutMs: number;
  maxRetriesPerRequest: number;
  reconnectMaxDelayMs: number;
  onError: (err: BusError) => void;
};

const ROLE_OPTIONS: Record<Role, (s: ConnectionSettings) => RedisOptions> = {
  command: (s) => ({
    // Commands issued in one event-loop turn leave in one socket write: under load the ingest
    // issues thousands of small appends a second, and one write() each was its top CPU cost.
    enableAutoPipelining: true,
    enableOfflineQueue: true,
    maxRetriesPerRequest: s.maxRetriesPerRequest,
    commandTimeout: s.commandTimeoutMs,
  }),
  // commandTimeout would also cut XREAD BLOCK short, so blocking connections have none.
  blocking: () => ({ enableOfflineQueue: false, maxRetriesPerRequest: 0, autoResendUnfulfilledCommands: false }),
  subscriber: () => ({
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    autoResubscribe: false,
  }),
};

export function connect(s: ConnectionSettings, role: Role): Redis {
  const client = new Redis(s.url, {
    // RESP2: reply shapes are fixed (under RESP3, XREAD answers a map and its shape changes).
    protocol: 2,
    connectionName: `${s.name}:${role}`,
    // CLIENT SETINFO exists only from Redis 7.2; skip it rather than fail on 7.0.
    disableClientInfo: true,
    // Never give up reconnecting: the services outlive Redis restarts. Exponential, capped.
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 10), s.reconnectMaxDelayMs),
    // A host that drops packets would otherwise hold queued commands for ioredis's 10 s default.
    connectTimeout: s.connectTimeoutMs,
    ...ROLE_OPTIONS[role](s),
  });
  client.on('error', (err: unknown) => s.onError(translateError(err, `redis ${role} connection`)));
  return client;
}

/** Resolves true once the client is ready, false after ms or on abort. */
export function untilReady(client: Redis, ms: number, signal?: AbortSignal): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      signal?.removeEventListener('abort', onAbort);
      resolve(ok);
    };
    const onReady = () => finish(true);
    const onAbort = () => finish(false);
    const timer = setTimeout(() => finish(false), Math.max(0, ms));
    client.on('ready', onReady);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Waits for p to settle either way, or for ms: whichever comes first. */
export async function settleWithin(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const settled = p.then(
    () => undefined,
    (err: unknown) => void err, // only used on links being closed: how it ended does not matter
  );
  await Promise.race([settled, new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

/** QUIT (lets replies in flight arrive), but no longer than ms: a dead server gets a hard disconnect. */
export async function closeClient(client: Redis, ms: number): Promise<void> {
  if (client.status === 'ready') await settleWithin(client.quit(), ms);
  client.disconnect();
}
