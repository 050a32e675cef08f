// Login tokens already verified, remembered until they expire: a dashboard sends the same token
// with every request, and verifying it each time (base64 and two JSON parses, an HMAC, the claim
// checks) was work repeated per request. Only tokens that passed verification are stored, each
// under the SHA-256 of its text (the tokens themselves are not kept in memory), and a hit is
// still refused once the token's `exp` has passed — the rule the verifier applies (fast-jwt:
// valid while now <= exp). The number of entries is bounded; the least recently used goes first.
import { hash } from 'node:crypto';

export type TokenCache<C extends { exp: number }> = {
  /** The claims of a token verified before and not yet expired, else undefined. */
  get(token: string): C | undefined;
  /** Remembers a token that has just passed verification, until its `exp`. */
  set(token: string, claims: C): void;
  readonly size: number;
};

export type TokenCacheOptions = {
  maxEntries: number;
  /** The verifier's clock (ms): expiry must be judged as the verifier would. */
  now: () => number;
};

const keyOf = (token: string) => hash('sha256', token, 'base64');

export function createTokenCache<C extends { exp: number }>(opts: TokenCacheOptions): TokenCache<C> {
  if (!Number.isInteger(opts.maxEntries) || opts.maxEntries < 1) throw new Error('maxEntries must be a positive integer');
  // A Map iterates in insertion order: re-inserting on a hit keeps the least recently used first.
  const entries = new Map<string, { claims: C; expiresAtMs: number }>();
  return {
    get(token) {
      const key = keyOf(token);
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (opts.now() > entry.expiresAtMs) return undefined;
      entries.set(key, entry);
      return entry.claims;
    },
    set(token, claims) {
      if (!Number.isFinite(claims.exp)) return;
      const key = keyOf(token);
      entries.delete(key);
      while (entries.size >= opts.maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(key, { claims: Object.freeze(claims), expiresAtMs: claims.exp * 1000 });
    },
    get size() {
      return entries.size;
    },
  };
}
