// Per-IP connection-rate limit (issue 5): a token bucket per client address, so a reconnect loop
// or a scripted flood from one address cannot starve a pod, while a page reload still connects.
export type RateLimiter = {
  /** True when `key` may open a connection now (and takes one token). */
  take(key: string): boolean;
  /** Drops buckets that have refilled completely; they hold no information any more. */
  prune(): void;
  size(): number;
};

export function createRateLimiter(opts: { perSecond: number; burst: number; now?: () => number }): RateLimiter {
  const now = opts.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refill = (b: { tokens: number; at: number }, t: number) => {
    b.tokens = Math.min(opts.burst, b.tokens + ((t - b.at) / 1000) * opts.perSecond);
    b.at = t;
  };
  return {
    take(key) {
      if (opts.perSecond <= 0) return true;
      const t = now();
      let b = buckets.get(key);
      if (!b) {
        b = { tokens: opts.burst, at: t };
        buckets.set(key, b);
      } else refill(b, t);
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    },
    prune() {
      const t = now();
      for (const [key, b] of buckets) {
        refill(b, t);
        if (b.tokens >= opts.burst) buckets.delete(key);
      }
    },
    size: () => buckets.size,
  };
}
