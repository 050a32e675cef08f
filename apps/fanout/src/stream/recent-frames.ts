// The frames this pod published most recently, in order, so a resume or a new socket's catch-up
// is served from memory (a reconnect storm after another pod drains does not become one XRANGE
// per socket). Frames are numbered absolutely; a reader holding a number notices eviction.
import { compareStreamIds } from '@tickstock/bus';
import type { PreparedFrame } from './prepared-frame';

export type RecentFrames = {
  push(frame: PreparedFrame): void;
  /** Number of the first frame with id > afterId, or null when the cache does not reach back to afterId. */
  indexAfter(afterId: string): number | null;
  /** The frame numbered n, or undefined when evicted or not yet pushed. */
  at(n: number): PreparedFrame | undefined;
  /** The number the next pushed frame gets. */
  end(): number;
};

/**
 * `startId` is the reader's position when it began: everything after it is pushed here, so the
 * cache covers any afterId >= startId until the first eviction (then >= the last evicted id).
 */
export function createRecentFrames(capacity: number, startId: string): RecentFrames {
  const ring: (PreparedFrame | undefined)[] = new Array<PreparedFrame | undefined>(Math.max(capacity, 0));
  let first = 0; // number of the oldest frame held
  let next = 0;
  let coveredFrom = startId; // the id just before the oldest frame held

  return {
    push(frame) {
      if (capacity <= 0) {
        coveredFrom = frame.id;
        return;
      }
      if (next - first === capacity) {
        coveredFrom = ring[first % capacity]!.id;
        ring[first % capacity] = undefined;
        first++;
      }
      ring[next % capacity] = frame;
      next++;
    },
    indexAfter(afterId) {
      if (compareStreamIds(afterId, coveredFrom) < 0) return null;
      // Binary search for the first id > afterId among [first, next).
      let lo = first;
      let hi = next;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compareStreamIds(ring[mid % capacity]!.id, afterId) <= 0) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
    at: (n) => (n >= first && n < next ? ring[n % capacity] : undefined),
    end: () => next,
  };
}
