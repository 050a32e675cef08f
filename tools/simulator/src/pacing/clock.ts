// Time as the pacer sees it: a monotonic clock for pacing (wall-clock jumps must not burst or
// stall a run), the wall clock for the timestamps inside payloads, and an abortable sleep.
// Tests pass a fake one, so pacing is checked without waiting.

export type Clock = {
  /** Monotonic milliseconds (performance.now()). */
  now: () => number;
  /** Wall-clock time, for payload timestamps and the heartbeat. */
  wall: () => Date;
  /** Resolves after `ms`, or at once when `signal` aborts; never rejects. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
};

export const systemClock: Clock = {
  now: () => performance.now(),
  wall: () => new Date(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', done, { once: true });
    }),
};
