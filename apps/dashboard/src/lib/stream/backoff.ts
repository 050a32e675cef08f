// Reconnect delays: exponential with "equal jitter" (half fixed, half random), so a fanout pod
// that drops thousands of sockets at once (a drain closes them with 1001) is not hit by all of
// them again in the same instant, while no client ever retries with a zero delay.

export type BackoffOptions = {
  baseMs?: number;
  maxMs?: number;
  /** Returns a number in [0, 1); injectable so tests are deterministic. */
  random?: () => number;
};

export type Backoff = {
  /** The delay before the next attempt; each call doubles the ceiling up to maxMs. */
  next(): number;
  /** Called once a connection is healthy again (welcome received). */
  reset(): void;
  readonly attempt: number;
};

export function createBackoff({ baseMs = 500, maxMs = 30_000, random = Math.random }: BackoffOptions = {}): Backoff {
  let attempt = 0;
  return {
    next() {
      const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
      attempt++;
      return Math.round(ceiling / 2 + random() * (ceiling / 2));
    },
    reset() {
      attempt = 0;
    },
    get attempt() {
      return attempt;
    },
  };
}
