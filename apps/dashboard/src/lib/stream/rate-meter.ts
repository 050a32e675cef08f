// Events received per second, kept per whole second for the last few minutes: the card shows the
// last complete second and the sparkline the whole window. A ring of counters, so a page left
// open all day uses the same memory as one opened a minute ago.

export type RateMeter = {
  add(count: number, now: number): void;
  /** Events in the last complete second. */
  perSecond(now: number): number;
  /** Counts for each of the last `windowSeconds` complete seconds, oldest first. */
  series(now: number): number[];
};

export function createRateMeter(windowSeconds = 300): RateMeter {
  const counts = new Float64Array(windowSeconds + 1);
  /** The second (epoch s) each slot last counted; a stale slot reads as 0. */
  const stamps = new Float64Array(windowSeconds + 1).fill(-1);
  const slots = windowSeconds + 1;

  const read = (second: number) => {
    const i = second % slots;
    return stamps[i] === second ? counts[i]! : 0;
  };

  return {
    add(count, now) {
      const second = Math.floor(now / 1000);
      const i = second % slots;
      if (stamps[i] !== second) {
        stamps[i] = second;
        counts[i] = 0;
      }
      counts[i] = (counts[i] ?? 0) + count;
    },
    perSecond(now) {
      return read(Math.floor(now / 1000) - 1);
    },
    series(now) {
      const last = Math.floor(now / 1000) - 1;
      const out: number[] = [];
      for (let second = last - windowSeconds + 1; second <= last; second++) out.push(read(second));
      return out;
    },
  };
}
