// Every indicator value of one symbol page, oldest first, for its chart (the live model keeps
// only the latest per indicator). REST history and live frames meet here, deduplicated by id and
// bounded so a page left open all day stays the same size.
import type { IndicatorRow } from './rows';

export type IndicatorHistory = {
  add(rows: readonly IndicatorRow[]): boolean;
  rows(): readonly IndicatorRow[];
};

export function createIndicatorHistory(max = 5000): IndicatorHistory {
  const ids = new Set<string>();
  let rows: IndicatorRow[] = [];
  return {
    /** True when something new was added. */
    add(incoming) {
      const fresh = incoming.filter((r) => !ids.has(r.id));
      if (fresh.length === 0) return false;
      for (const r of fresh) ids.add(r.id);
      const merged = [...rows, ...fresh];
      // Live rows usually arrive in order; sort only when one did not.
      const ordered = fresh.every((r, i) => r.timestamp >= (i === 0 ? (rows.at(-1)?.timestamp ?? '') : fresh[i - 1]!.timestamp));
      if (!ordered) merged.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
      const dropped = merged.length > max ? merged.splice(0, merged.length - max) : [];
      for (const r of dropped) ids.delete(r.id);
      rows = merged;
      return true;
    },
    rows: () => rows,
  };
}
