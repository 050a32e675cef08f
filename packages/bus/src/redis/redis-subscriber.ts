// A pub/sub subscription on a connection of its own. ioredis can resubscribe by itself, but it
// would not tell us when the server confirmed it; we subscribe on every `ready` instead, and
// readiness turns true only on the server's confirmation, false on any drop.
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import type { MessageHandler, Subscription } from '../bus';
import { BusError } from '../bus-error';
import { settleWithin } from './connections';
import type { FlowControl } from './flow-control';
import { translateError } from './translate-error';

const UNSUBSCRIBE_TIMEOUT_MS = 1_000;
/** While paused, how often to look whether the command connection has caught up. */
const RELIEF_POLL_MS = 2;

export function createRedisSubscription(
  client: Redis,
  channels: readonly string[],
  onMessage: MessageHandler,
  onError: (err: BusError) => void,
  flow?: FlowControl,
): Subscription {
  const listeners = new Set<(ready: boolean) => void>();
  let ready = false;
  let closed = false;
  // Bumped on every drop: a confirmation from an older connection must not mark this one ready.
  let generation = 0;

  const setReady = (value: boolean) => {
    if (ready === value) return;
    ready = value;
    for (const l of [...listeners]) l(value);
  };

  // Flow control (flow-control.ts): the socket stops being read while the bus's commands are
  // backed up. Messages already parsed from the chunk in hand are still delivered.
  let pausedSince: number | undefined;
  let pausedMsTotal = 0;
  const resumeWhenRelieved = () => {
    if (pausedSince === undefined) return;
    if (!closed && flow && !flow.relieved()) {
      setTimeout(resumeWhenRelieved, RELIEF_POLL_MS);
      return;
    }
    pausedMsTotal += performance.now() - pausedSince;
    pausedSince = undefined;
    client.stream?.resume();
  };

  client.on('message', (channel: string, text: string) => {
    // Between close() and the server's UNSUBSCRIBE reply, messages can still arrive: drop them.
    if (closed) return;
    try {
      onMessage(channel, text);
    } catch (err) {
      onError(new BusError('HANDLER', `message handler failed on channel ${channel}`, { cause: err }));
    }
    if (pausedSince === undefined && flow?.backedUp()) {
      pausedSince = performance.now();
      client.stream?.pause();
      setTimeout(resumeWhenRelieved, RELIEF_POLL_MS);
    }
  });
  client.on('ready', () => {
    const mine = generation;
    client.subscribe(...channels).then(
      () => {
        if (!closed && mine === generation && client.status === 'ready') setReady(true);
      },
      (err: unknown) => {
        // Usually the link dropped again mid-SUBSCRIBE; the next `ready` tries again.
        if (!closed) onError(translateError(err, `SUBSCRIBE ${channels.join(' ')}`));
      },
    );
  });
  client.on('close', () => {
    generation++;
    setReady(false);
    // The next connection is a new socket, read from the start.
    if (pausedSince !== undefined) pausedMsTotal += performance.now() - pausedSince;
    pausedSince = undefined;
  });

  return {
    isReady: () => ready,
    pausedMs: () => pausedMsTotal + (pausedSince === undefined ? 0 : performance.now() - pausedSince),
    onReadyChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      setReady(false);
      // Wait for the server to confirm the UNSUBSCRIBE (bounded), so once close() resolves no
      // publish anywhere counts or reaches this subscription any more.
      if (client.status === 'ready') await settleWithin(client.unsubscribe(), UNSUBSCRIBE_TIMEOUT_MS);
      client.disconnect();
    },
  };
}
