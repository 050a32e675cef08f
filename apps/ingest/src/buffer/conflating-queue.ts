// A keyed queue for one flush window and its carried overflow (the old TickStockAppV2 buffer
// documented this and never did it). Map keeps insertion order, so:
// - a key offered again keeps its first-seen place and takes the latest value (conflation);
// - taking a batch takes the oldest keys first (overflow is carried in first-seen order);
// - past `capacity` pending keys the oldest is dropped, and counted for the next frame.
export type ConflatingQueue<T> = {
  /** Adds or replaces; returns 'conflated' when an older value of the same key was replaced. */
  offer(key: string, value: T): 'added' | 'conflated';
  /** Removes and returns up to `max` values, oldest key first. */
  take(max: number): T[];
  /** Drops counted since the last call; resets the count. */
  takeDropped(): number;
  readonly size: number;
};

export function createConflatingQueue<T>(capacity: number, onDrop?: (value: T) => void): ConflatingQueue<T> {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  const pending = new Map<string, T>();
  let dropped = 0;

  return {
    offer(key, value) {
      if (pending.has(key)) {
        pending.set(key, value);
        return 'conflated';
      }
      if (pending.size >= capacity) {
        const oldest = pending.keys().next();
        if (!oldest.done) {
          const lost = pending.get(oldest.value) as T;
          pending.delete(oldest.value);
          dropped += 1;
          onDrop?.(lost);
        }
      }
      pending.set(key, value);
      return 'added';
    },
    take(max) {
      const batch: T[] = [];
      for (const [key, value] of pending) {
        if (batch.length >= max) break;
        batch.push(value);
        pending.delete(key);
      }
      return batch;
    },
    takeDropped() {
      const n = dropped;
      dropped = 0;
      return n;
    },
    get size() {
      return pending.size;
    },
  };
}
