// Lockout bookkeeping for usernames that do not exist. Real accounts are locked in the database
// (users.failed_attempts/locked_until); if unknown names were never locked, "429 after N tries"
// would tell an attacker which names are real. This keeps the same rule in memory for the others.
export type LockPolicy = { maxAttempts: number; lockMs: number };

export type FailureThrottle = {
  isLocked(name: string, nowMs: number): boolean;
  /** Counts a failure; the one that reaches maxAttempts locks the name for lockMs and starts the count again. */
  fail(name: string, nowMs: number): void;
  readonly size: number;
};

/** Names remembered at most; past it the oldest go first, so a flood of made-up names cannot grow memory. */
export const THROTTLE_MAX_NAMES = 10_000;

export function createFailureThrottle(policy: LockPolicy, maxNames = THROTTLE_MAX_NAMES): FailureThrottle {
  const entries = new Map<string, { failures: number; lockedUntil: number }>();
  return {
    isLocked(name, nowMs) {
      const entry = entries.get(name);
      return entry !== undefined && entry.lockedUntil > nowMs;
    },
    fail(name, nowMs) {
      const entry = entries.get(name) ?? { failures: 0, lockedUntil: 0 };
      entries.delete(name); // re-inserted below: Map order is then least recently failed first
      entry.failures += 1;
      if (entry.failures >= policy.maxAttempts) {
        entry.failures = 0;
        entry.lockedUntil = nowMs + policy.lockMs;
      }
      entries.set(name, entry);
      while (entries.size > maxNames) entries.delete(entries.keys().next().value as string);
    },
    get size() {
      return entries.size;
    },
  };
}
