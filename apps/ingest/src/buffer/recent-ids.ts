// Ids of events already sent, remembered for a while. A detection at or above 0.8 is published
// on both pattern channels, in either order (TICKSTOCKPL-FORMATS.md, "Pattern"): the second copy
// may arrive after the first has left, so conflation alone cannot catch it.
export type RecentIds = { has(id: string): boolean; add(id: string): void; readonly size: number };

/** Remembers at most `capacity` ids; the oldest are forgotten first. */
export function createRecentIds(capacity: number): RecentIds {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  const ids = new Set<string>();
  // The oldest id is found in a ring of the ids in insertion order, not with ids.values().next():
  // V8 leaves a deleted Set entry as a hole until the table is rehashed, and an iterator skips
  // the holes one by one, so evicting from the front of a full Set costs O(capacity) per add
  // (measured 30-40 µs per add at capacity 20,000 against < 1 µs here; issue 3 ingest bench).
  const ring: (string | undefined)[] = new Array<string | undefined>(capacity);
  let next = 0;
  return {
    has: (id) => ids.has(id),
    add(id) {
      if (ids.has(id)) return;
      const oldest = ring[next];
      if (oldest !== undefined) ids.delete(oldest);
      ring[next] = id;
      next = (next + 1) % capacity;
      ids.add(id);
    },
    get size() {
      return ids.size;
    },
  };
}
