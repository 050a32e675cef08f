// The Redis engine: one command connection, a pool of blocking-read connections, and one
// connection per subscription (see connections.ts for how each behaves during an outage).
import type { Bus, Subscription } from '../bus';
import { BusError } from '../bus-error';
import { createBlockingPool } from './blocking-pool';
import { closeClient, connect, type ConnectionSettings } from './connections';
import { commandFlow, DEFAULT_FLOW_LIMITS, type FlowLimits } from './flow-control';
import { createCommandContext } from './redis-commands';
import { createRedisKeys } from './redis-keys';
import { createRedisStreams } from './redis-streams';
import { createRedisSubscription } from './redis-subscriber';

export type RedisBusOptions = {
  /** `redis://[user:pass@]host:port[/db]` */
  url: string;
  /** Prefix for every key this bus touches (e.g. `tickstock:`); channels are not prefixed. */
  prefix: string;
  /** Connection names in CLIENT LIST are `${name}:command` etc. (default `tickstock`). */
  name?: string;
  /**
   * Connection trouble and failed background work (a resubscribe, a throwing subscriber) that no
   * caller awaits. Without it these are dropped, never thrown: an unhandled 'error' would crash.
   */
  onError?: (err: BusError) => void;
  /** A command without a reply for this long rejects with TIMEOUT (default 5000). */
  commandTimeoutMs?: number;
  /** A connection attempt that has not succeeded after this long fails (default 3000). */
  connectTimeoutMs?: number;
  /**
   * Reconnection attempts a command waits through before rejecting UNAVAILABLE (default 0: it
   * rejects at the first drop and is never resent by the driver; see connections.ts).
   */
  maxRetriesPerRequest?: number;
  /** Upper bound of the reconnect backoff (default 1000 ms). */
  reconnectMaxDelayMs?: number;
  /**
   * When subscriptions stop reading because this bus's commands are backed up (flow-control.ts;
   * default 500 commands in flight or 1 MiB unsent).
   */
  flowLimits?: FlowLimits;
};

const QUIT_TIMEOUT_MS = 1_000;

export function createRedisBus(opts: RedisBusOptions): Bus {
  const settings: ConnectionSettings = {
    url: opts.url,
    name: opts.name ?? 'tickstock',
    commandTimeoutMs: opts.commandTimeoutMs ?? 5_000,
    connectTimeoutMs: opts.connectTimeoutMs ?? 3_000,
    maxRetriesPerRequest: opts.maxRetriesPerRequest ?? 0,
    reconnectMaxDelayMs: opts.reconnectMaxDelayMs ?? 1_000,
    onError: (err) => opts.onError?.(err),
  };
  const client = connect(settings, 'command');
  const pool = createBlockingPool(() => connect(settings, 'blocking'));
  const subscriptions = new Set<Subscription>();
  let closed = false;
  const ctx = createCommandContext(client, pool, opts.prefix, () => closed);
  const flow = commandFlow(client, opts.flowLimits ?? DEFAULT_FLOW_LIMITS);

  return {
    prefix: opts.prefix,
    ...createRedisStreams(ctx),
    ...createRedisKeys(ctx),

    publish: (channel, text) =>
      ctx.run(`PUBLISH ${channel}`, async (c) => {
        const receivers = await c.call('PUBLISH', channel, text);
        return typeof receivers === 'number' ? receivers : 0;
      }),
    subscribe(channels, onMessage) {
      if (closed) throw new BusError('CLOSED', 'the bus is closed');
      if (channels.length === 0) throw new BusError('INVALID', 'subscribe needs at least one channel');
      const sub = createRedisSubscription(connect(settings, 'subscriber'), channels, onMessage, settings.onError, flow);
      subscriptions.add(sub);
      return {
        ...sub,
        close: () => {
          subscriptions.delete(sub);
          return sub.close();
        },
      };
    },

    ping: () =>
      ctx.run('PING', async (c) => {
        await c.call('PING');
      }),
    async close() {
      if (closed) return;
      closed = true;
      pool.close();
      await Promise.all([...subscriptions].map((s) => s.close()));
      subscriptions.clear();
      await closeClient(client, QUIT_TIMEOUT_MS);
    },
  };
}
