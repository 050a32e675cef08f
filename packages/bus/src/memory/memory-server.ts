// The memory engine's "server": the data and the pub/sub that every memory bus connected to it
// shares, as Redis is shared by its clients. One process normally has one (createMemoryBus makes
// a private one); tests connect several buses with different prefixes to one server, and take
// the whole server down and up again, as they do with a Redis restart.
import { createWaiters } from '../waiters';
import { createKeyspace } from './keyspace';
import { createMemoryKeys } from './memory-keys';
import { createMemoryPubSub } from './memory-pubsub';
import { createMemoryStreams } from './memory-streams';

export type MemoryServerOptions = {
  /** The clock for stream ids and TTLs (default Date.now); tests may pass a fake one. */
  now?: () => number;
};

/** Waiting reads park under this name while the server is down, and wake when it is back. */
export const OUTAGE = '\u0000outage';

export type MemoryServer = ReturnType<typeof createMemoryServer>;

export function createMemoryServer(opts: MemoryServerOptions = {}) {
  const now = opts.now ?? Date.now;
  const space = createKeyspace(now);
  const pubsub = createMemoryPubSub();
  const waiters = createWaiters();
  let down = false;

  return {
    keys: createMemoryKeys(space, now),
    streams: createMemoryStreams(space, now),
    pubsub,
    waiters,
    isDown: () => down,
    /** The server goes away: subscriptions go not-ready, calls reject UNAVAILABLE, waiting reads wait. */
    simulateOutage: () => {
      down = true;
      pubsub.setUp(false);
    },
    /** The server is back (with its data); subscriptions become ready again by themselves. */
    endOutage: () => {
      down = false;
      pubsub.setUp(true);
      waiters.notify(OUTAGE);
    },
  };
}
