// At most one call per interval, with the count of the calls skipped since the last one. For
// what can repeat thousands of times a second during an incident (a refused frame per message,
// an append error per frame): the log says it once a second with a count instead of flooding
// stdout, which would itself slow the service down when it can least afford it.
export type Throttle = (emit: (skipped: number) => void) => void;

export function throttle(intervalMs: number, now: () => number = Date.now): Throttle {
  let last = -Infinity;
  let skipped = 0;
  return (emit) => {
    const t = now();
    if (t - last < intervalMs) {
      skipped++;
      return;
    }
    last = t;
    const n = skipped;
    skipped = 0;
    emit(n);
  };
}
