// Tables list rows newest first by event time. Timestamps are UTC ISO 8601 with milliseconds
// (CONTRACT.md), so they order correctly as strings.

type Timed = { timestamp: string };

export function byNewest(a: Timed, b: Timed): number {
  return a.timestamp < b.timestamp ? 1 : a.timestamp > b.timestamp ? -1 : 0;
}

/** Merges rows into a list that is already newest first, keeping at most `max`; `dropped` hears of each row left out. */
export function mergeNewest<T extends Timed>(existing: readonly T[], incoming: readonly T[], max: number, dropped?: (row: T) => void): T[] {
  if (incoming.length === 0) {
    if (existing.length <= max) return existing as T[];
    if (dropped) for (let k = max; k < existing.length; k++) dropped(existing[k]!);
    return existing.slice(0, max);
  }
  const fresh = [...incoming].sort(byNewest);
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (out.length < max && (i < fresh.length || j < existing.length)) {
    // On equal times the incoming row goes first: it arrived later.
    if (j >= existing.length || (i < fresh.length && fresh[i]!.timestamp >= existing[j]!.timestamp)) out.push(fresh[i++]!);
    else out.push(existing[j++]!);
  }
  if (dropped) {
    for (; i < fresh.length; i++) dropped(fresh[i]!);
    for (; j < existing.length; j++) dropped(existing[j]!);
  }
  return out;
}
