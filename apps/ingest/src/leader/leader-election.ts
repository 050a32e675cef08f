// Exactly one ingest replica publishes: the holder of a Redis lease. The leader renews it every
// ttl/3; a standby tries to take it on the same tick, so it takes over within ttl + ttl/3 of the
// leader's death (2.7 s at the default 2 s ttl; the issue asks for 3 s). Each new term gets a
// fencing token (INCR), written with every frame, and appends are fenced on the lease itself, so
// a paused ex-leader that wakes up cannot append after its successor began.
import type { Bus } from '@tickstock/bus';
import { SERVICE_KEYS } from '@tickstock/contracts';

export type Leadership = { leader: true; fence: number } | { leader: false };

export type LeaderElection = {
  current(): Leadership;
  /** Starts campaigning; resolves after the first attempt. */
  start(): Promise<void>;
  /** Checks the lease now instead of at the next tick (e.g. after Redis came back). */
  checkNow(): Promise<void>;
  /** Stops campaigning and releases the lease if held, so a standby takes over at once. */
  stop(): Promise<void>;
};

export function createLeaderElection(
  bus: Bus,
  opts: { owner: string; ttlMs: number; onChange: (state: Leadership) => void; onError: (err: unknown) => void },
): LeaderElection {
  const key = SERVICE_KEYS.ingestLeaderLease;
  let state: Leadership = { leader: false };
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> = Promise.resolve();

  function change(next: Leadership): void {
    state = next;
    opts.onChange(next);
  }

  async function tick(): Promise<void> {
    try {
      if (state.leader) {
        if (await bus.renewLease(key, opts.owner, opts.ttlMs)) return;
        // Lost (e.g. Redis restarted empty): step down, then campaign again at once below.
        change({ leader: false });
      }
      if (await bus.acquireLease(key, opts.owner, opts.ttlMs)) {
        change({ leader: true, fence: await bus.incr(SERVICE_KEYS.ingestFence) });
      }
    } catch (err) {
      // Redis unreachable: a leader that cannot renew must assume it lost the lease, since its
      // ttl runs out meanwhile and a standby may take over.
      if (state.leader) change({ leader: false });
      opts.onError(err);
    }
  }

  const run = () => {
    ticking = ticking.then(tick);
    return ticking;
  };

  return {
    current: () => state,
    checkNow: () => run(),
    async start() {
      timer ??= setInterval(() => void run(), Math.max(100, Math.floor(opts.ttlMs / 3)));
      await run();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await ticking;
      if (state.leader) {
        change({ leader: false });
        await bus.releaseLease(key, opts.owner).catch(opts.onError);
      }
    },
  };
}
