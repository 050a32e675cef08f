// Strings, hashes and leases over the memory keyspace, with Redis's semantics
// (INCR keeps the TTL, SET replaces it, HSET keeps it unless a new one is given).
import { BusError } from '../bus-error';
import { nonEmptyFields } from '../validate';
import type { Keyspace } from './keyspace';

export function createMemoryKeys(space: Keyspace, now: () => number) {
  const expiry = (ttlMs: number | undefined) => (ttlMs === undefined ? undefined : now() + ttlMs);
  const holder = (key: string) => space.string(key)?.value ?? null;

  return {
    get: (key: string) => holder(key),
    set(key: string, value: string, ttlMs?: number) {
      space.putString(key, value, expiry(ttlMs));
    },
    del: (key: string) => space.delete(key),
    incr(key: string): number {
      const current = space.string(key);
      const n = current === undefined ? 0 : /^-?\d+$/.test(current.value) ? Number(current.value) : NaN;
      if (!Number.isSafeInteger(n + 1)) {
        throw new BusError('COMMAND', `ERR value is not an integer or out of range (key ${key})`);
      }
      space.putString(key, String(n + 1), current?.expiresAt);
      return n + 1;
    },
    hset(key: string, fields: Record<string, string>, ttlMs?: number) {
      const pairs = nonEmptyFields(fields);
      const hash = space.hashForWrite(key);
      for (const [f, v] of pairs) hash.fields.set(f, v);
      if (ttlMs !== undefined) hash.expiresAt = expiry(ttlMs);
    },
    hgetall(key: string): Record<string, string> {
      return Object.fromEntries(space.hash(key)?.fields ?? []);
    },
    acquireLease(key: string, owner: string, ttlMs: number): boolean {
      if (space.has(key)) return false;
      space.putString(key, owner, expiry(ttlMs));
      return true;
    },
    renewLease(key: string, owner: string, ttlMs: number): boolean {
      if (holder(key) !== owner) return false;
      space.putString(key, owner, expiry(ttlMs));
      return true;
    },
    holdsLease(key: string, owner: string): boolean {
      return holder(key) === owner;
    },
    releaseLease(key: string, owner: string): boolean {
      return holder(key) === owner && space.delete(key);
    },
  };
}
