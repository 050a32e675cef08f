// Counts events the events stream's cap trimmed away before they were stored. Entries carry
// (fence, c, n): within one leader term `c` grows by `n` per entry, so a jump means entries
// were lost; the first entry of a new term must start at c = n.
export type LossTracker = { observe(fence: number, cumulative: number, count: number): number };

export function createLossTracker(): LossTracker {
  const lastByFence = new Map<number, number>();
  return {
    observe(fence, cumulative, count) {
      const before = lastByFence.get(fence) ?? 0;
      if (cumulative <= before) return 0; // a redelivery (at-least-once): nothing new, nothing lost
      lastByFence.set(fence, cumulative);
      if (lastByFence.size > 64) lastByFence.delete(lastByFence.keys().next().value as number);
      return Math.max(0, cumulative - count - before);
    },
  };
}
