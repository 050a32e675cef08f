// Ids of events already sent, remembered for a while. A detection at or above 0.8 is published
// on both pattern channels, in either order (TICKSTOCKPL-FORMATS.md, "Pattern"): the second copy
// may arrive after the first has left, so conflation alone cannot catch it.
export type RecentIds = { has(id: string): boolean; add(id: string): void; readonly size: number };

/** Remembers at most `capacity` ids; the oldest are forgotten first. */
export function createRecentIds(capacity: number): RecentIds {
  const ids = new Set<string>();
  return {
    has: (id) => ids.has(id),
    add(id) {
      if (ids.has(id)) return;
      if (ids.size >= capacity) {
        const oldest = ids.values().next();
        if (!oldest.done) ids.delete(oldest.value);
      }
      ids.add(id);
    },
    get size() {
      return ids.size;
    },
  };
}
