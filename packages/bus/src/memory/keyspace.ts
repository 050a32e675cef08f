// One keyspace for every type, as in Redis: a key holds a string, a hash or a stream, and using
// it as another type is an error (WRONGTYPE), so code that works here does not break on Redis.
import { BusError } from '../bus-error';
import type { ParsedId } from '../stream-id';

export type StoredEntry = { id: string; parsed: ParsedId; fields: Record<string, string> };

export type PendingEntry = { consumer: string; deliveredAt: number; deliveries: number };

export type GroupState = {
  lastDelivered: ParsedId;
  /** Keyed by entry id; Map order is id order, since ids are delivered in increasing order. */
  pending: Map<string, PendingEntry>;
};

export type StreamValue = {
  type: 'stream';
  /** Sorted by id. */
  entries: StoredEntry[];
  lastId: ParsedId;
  groups: Map<string, GroupState>;
};
export type StringValue = { type: 'string'; value: string; expiresAt?: number };
export type HashValue = { type: 'hash'; fields: Map<string, string>; expiresAt?: number };
type Value = StringValue | HashValue | StreamValue;

export type Keyspace = ReturnType<typeof createKeyspace>;

export function createKeyspace(now: () => number) {
  const values = new Map<string, Value>();

  // Expiry is lazy, as Redis does on access: an expired key is removed when someone looks.
  const lookup = (key: string): Value | undefined => {
    const v = values.get(key);
    if (v && v.type !== 'stream' && v.expiresAt !== undefined && v.expiresAt <= now()) {
      values.delete(key);
      return undefined;
    }
    return v;
  };

  function typed<T extends Value['type']>(key: string, type: T): Extract<Value, { type: T }> | undefined {
    const v = lookup(key);
    if (v && v.type !== type) {
      throw new BusError('COMMAND', `WRONGTYPE ${key} holds a ${v.type}, not a ${type}`);
    }
    return v as Extract<Value, { type: T }> | undefined;
  }

  return {
    has: (key: string) => lookup(key) !== undefined,
    delete: (key: string) => lookup(key) !== undefined && values.delete(key),
    string: (key: string) => typed(key, 'string'),
    hash: (key: string) => typed(key, 'hash'),
    stream: (key: string) => typed(key, 'stream'),
    /** Replaces whatever the key held (SET overwrites any type, as in Redis). */
    putString(key: string, value: string, expiresAt?: number) {
      values.set(key, { type: 'string', value, expiresAt });
    },
    hashForWrite(key: string): HashValue {
      const existing = typed(key, 'hash');
      if (existing) return existing;
      const created: HashValue = { type: 'hash', fields: new Map() };
      values.set(key, created);
      return created;
    },
    streamForWrite(key: string): StreamValue {
      const existing = typed(key, 'stream');
      if (existing) return existing;
      const created: StreamValue = { type: 'stream', entries: [], lastId: { ms: 0n, seq: 0n }, groups: new Map() };
      values.set(key, created);
      return created;
    },
  };
}
