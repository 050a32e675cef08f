// Replies come from ioredis as `unknown` (we use `call` and RESP2, whose shapes are fixed; RESP3
// changes XREAD's shape). These guards turn them into our types, and fail loudly on a surprise.
import type { StreamEntry } from '../bus';
import { BusError } from '../bus-error';

const bad = (what: string, reply: unknown) =>
  new BusError('COMMAND', `unexpected ${what} reply: ${JSON.stringify(reply)?.slice(0, 200)}`);

export function asString(reply: unknown, what: string): string {
  if (typeof reply === 'string') return reply;
  throw bad(what, reply);
}

export function asNullableString(reply: unknown, what: string): string | null {
  return reply === null ? null : asString(reply, what);
}

export function asInteger(reply: unknown, what: string): number {
  if (typeof reply === 'number' && Number.isSafeInteger(reply)) return reply;
  throw bad(what, reply);
}

export function asArray(reply: unknown, what: string): unknown[] {
  if (Array.isArray(reply)) return reply as unknown[];
  throw bad(what, reply);
}

/** `[f1, v1, f2, v2, ...]` → `{ f1: v1, ... }` (HGETALL and stream entry bodies). */
export function asFieldMap(reply: unknown, what: string): Record<string, string> {
  const flat = asArray(reply, what);
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[asString(flat[i], what)] = asString(flat[i + 1], what);
  return out;
}

/** `[id, [f, v, ...]]` */
export function asEntry(reply: unknown, what: string): StreamEntry {
  const [id, fields] = asArray(reply, what);
  return { id: asString(id, what), fields: asFieldMap(fields, what) };
}

export function asEntries(reply: unknown, what: string): StreamEntry[] {
  return asArray(reply, what).map((e) => asEntry(e, what));
}

/** XREAD/XREADGROUP on one stream: null (nothing) or `[[key, entries]]`. */
export function asSingleStreamRead(reply: unknown, what: string): StreamEntry[] {
  if (reply === null) return [];
  const [first] = asArray(reply, what);
  if (first === undefined) return [];
  return asEntries(asArray(first, what)[1], what);
}

/** XINFO STREAM: a flat `[name, value, ...]` list; we need three of its values. */
export function asStreamInfo(reply: unknown): { length: number; firstId: string | null; lastId: string } {
  const flat = asArray(reply, 'XINFO STREAM');
  const get = (name: string) => flat[flat.indexOf(name) + 1];
  const first = get('first-entry');
  return {
    length: asInteger(get('length'), 'XINFO STREAM length'),
    firstId: first === null ? null : asEntry(first, 'XINFO STREAM first-entry').id,
    lastId: asString(get('last-generated-id'), 'XINFO STREAM last-generated-id'),
  };
}

/** XAUTOCLAIM (Redis 7+): `[nextId, entries, deletedIds]`. */
export function asClaim(reply: unknown): { nextId: string; entries: StreamEntry[]; deletedIds: string[] } {
  const [next, entries, deleted] = asArray(reply, 'XAUTOCLAIM');
  return {
    nextId: asString(next, 'XAUTOCLAIM'),
    entries: asEntries(entries, 'XAUTOCLAIM'),
    deletedIds: deleted === undefined ? [] : asArray(deleted, 'XAUTOCLAIM').map((id) => asString(id, 'XAUTOCLAIM')),
  };
}
