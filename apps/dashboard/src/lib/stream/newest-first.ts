// Tables list rows newest first by event time. Timestamps are UTC ISO 8601 with milliseconds
// (CONTRACT.md), so they order correctly as strings.

type Timed = { timestamp: string };

export function byNewest(a: Timed, b: Timed): number {
  return a.timestamp < b.timestamp ? 1 : a.timestamp > b.timestamp ? -1 : 0;
}

/** Merges rows into a list that is already newest first, keeping at most `max`. */
export function mergeNewest<T extends Timed>(existing: readonly T[], incoming: readonly T[], max: number): T[] {
  if (incoming.length === 0) return existing.length > max ? existing.slice(0, max) : (existing as T[]);
  const fresh = [...incoming].sort(byNewest);
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (out.length < max && (i < fresh.length || j < existing.length)) {
    // On equal times the incoming row goes first: it arrived later.
    if (j >= existing.length || (i < fresh.length && fresh[i]!.timestamp >= existing[j]!.timestamp)) out.push(fresh[i++]!);
    else out.push(existing[j++]!);
  }
  return out;
}
