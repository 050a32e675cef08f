// Streams and consumer groups over the memory keyspace, following the Redis commands they stand
// for (XADD, XREAD, XRANGE, XINFO, XGROUP CREATE, XREADGROUP, XACK, XAUTOCLAIM, XPENDING).
// Nothing here waits: blocking reads are built on top in memory-bus.ts.
import type { ClaimResult, StreamEntry, StreamInfo } from '../bus';
import { BusError } from '../bus-error';
import { compareStreamIds, formatStreamId, nextStreamId, parseStreamId, type ParsedId } from '../stream-id';
import type { GroupState, Keyspace, StoredEntry, StreamValue } from './keyspace';

const ZERO: ParsedId = { ms: 0n, seq: 0n };

const before = (a: ParsedId, b: ParsedId) => a.ms < b.ms || (a.ms === b.ms && a.seq < b.seq);
const toEntry = (e: StoredEntry): StreamEntry => ({ id: e.id, fields: { ...e.fields } });

/** Index of the first entry whose id is greater than `after` (binary search: entries are sorted). */
function firstAfter(entries: StoredEntry[], after: ParsedId): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(after, entries[mid]!.parsed)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function createMemoryStreams(space: Keyspace, now: () => number) {
  const group = (key: string, name: string, command: string): { stream: StreamValue; group: GroupState } => {
    const stream = space.stream(key);
    const g = stream?.groups.get(name);
    if (!stream || !g) {
      throw new BusError('NO_GROUP', `NOGROUP No such key '${key}' or consumer group '${name}' in ${command}`);
    }
    return { stream, group: g };
  };

  return {
    append(key: string, fields: Record<string, string>, maxLen?: number): string {
      const stream = space.streamForWrite(key);
      const parsed = nextStreamId(stream.lastId, now());
      const id = formatStreamId(parsed);
      stream.entries.push({ id, parsed, fields: { ...fields } });
      stream.lastId = parsed;
      // Exact trimming is one valid outcome of `MAXLEN ~`, which only promises at least maxLen.
      if (maxLen !== undefined && stream.entries.length > maxLen) {
        stream.entries.splice(0, stream.entries.length - maxLen);
      }
      return id;
    },

    /** `$` resolves to the stream's last id now, as XREAD does when the command arrives. */
    resolveStart(key: string, afterId: string): string {
      if (afterId !== '$') return formatStreamId(parseStreamId(afterId));
      return formatStreamId(space.stream(key)?.lastId ?? ZERO);
    },

    readAfter(key: string, afterId: string, count: number): StreamEntry[] {
      const after = parseStreamId(afterId);
      const stream = space.stream(key);
      if (!stream) return [];
      const from = firstAfter(stream.entries, after);
      return stream.entries.slice(from, from + count).map(toEntry);
    },

    info(key: string): StreamInfo {
      const stream = space.stream(key);
      if (!stream) return { length: 0, firstId: null, lastId: null };
      return { length: stream.entries.length, firstId: stream.entries[0]?.id ?? null, lastId: formatStreamId(stream.lastId) };
    },

    createGroup(key: string, name: string, startId: string) {
      const stream = space.streamForWrite(key);
      if (stream.groups.has(name)) return;
      const lastDelivered = startId === '$' ? stream.lastId : parseStreamId(startId);
      stream.groups.set(name, { lastDelivered, pending: new Map() });
    },

    readGroupNew(key: string, name: string, consumer: string, count: number): StreamEntry[] {
      const { stream, group: g } = group(key, name, 'XREADGROUP');
      const from = firstAfter(stream.entries, g.lastDelivered);
      const delivered = stream.entries.slice(from, from + count);
      for (const e of delivered) g.pending.set(e.id, { consumer, deliveredAt: now(), deliveries: 1 });
      const last = delivered.at(-1);
      if (last) g.lastDelivered = last.parsed;
      return delivered.map(toEntry);
    },

    ack(key: string, name: string, ids: readonly string[]): number {
      const g = space.stream(key)?.groups.get(name);
      if (!g) return 0;
      let acked = 0;
      for (const id of ids) if (g.pending.delete(formatStreamId(parseStreamId(id)))) acked++;
      return acked;
    },

    deleteEntries(key: string, ids: readonly string[]): number {
      const stream = space.stream(key);
      if (!stream || ids.length === 0) return 0;
      const doomed = new Set(ids.map((id) => formatStreamId(parseStreamId(id))));
      const before = stream.entries.length;
      stream.entries = stream.entries.filter((e) => !doomed.has(e.id));
      return before - stream.entries.length;
    },

    autoclaim(key: string, name: string, consumer: string, minIdleMs: number, startId: string, count: number): ClaimResult {
      const { stream, group: g } = group(key, name, 'XAUTOCLAIM');
      const t = now();
      const entries: StreamEntry[] = [];
      const deletedIds: string[] = [];
      const pendingIds = [...g.pending.keys()].filter((id) => compareStreamIds(id, startId) >= 0);
      let i = 0;
      for (; i < pendingIds.length && entries.length < count; i++) {
        const id = pendingIds[i]!;
        const p = g.pending.get(id)!;
        const stored = stream.entries[firstAfter(stream.entries, parseStreamId(id)) - 1];
        if (stored?.id !== id) {
          // Trimmed away while pending: nothing left to redo, so Redis (7+) drops it and says so.
          g.pending.delete(id);
          deletedIds.push(id);
          continue;
        }
        if (t - p.deliveredAt < minIdleMs) continue;
        g.pending.set(id, { consumer, deliveredAt: t, deliveries: p.deliveries + 1 });
        entries.push(toEntry(stored));
      }
      return { nextId: pendingIds[i] ?? '0-0', entries, deletedIds };
    },

    pendingCount(key: string, name: string): number {
      return group(key, name, 'XPENDING').group.pending.size;
    },
  };
}
