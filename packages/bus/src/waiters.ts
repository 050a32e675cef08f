// Parked callers waiting for something to happen on a key (an append), for a deadline, or for
// an abort: the memory engine's equivalent of a client blocked in XREAD BLOCK.
export type Waiters = ReturnType<typeof createWaiters>;

export function createWaiters() {
  const parked = new Map<string, Set<() => void>>();

  return {
    /** Resolves on notify(key), after ms, on abort, or on wakeAll(): whichever comes first. */
    wait(key: string, ms: number, signal?: AbortSignal): Promise<void> {
      if (signal?.aborted) return Promise.resolve();
      return new Promise((resolve) => {
        const set = parked.get(key) ?? new Set();
        parked.set(key, set);
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          set.delete(done);
          if (set.size === 0 && parked.get(key) === set) parked.delete(key);
          resolve();
        };
        const timer = setTimeout(done, Math.max(0, ms));
        signal?.addEventListener('abort', done, { once: true });
        set.add(done);
      });
    },
    notify(key: string) {
      for (const wake of [...(parked.get(key) ?? [])]) wake();
    },
    wakeAll() {
      for (const set of [...parked.values()]) for (const wake of [...set]) wake();
    },
  };
}
