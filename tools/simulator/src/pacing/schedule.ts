// A schedule: what to publish and when, lazily. Scenarios and replays produce one; the pacer
// consumes it. Payloads are built by `make` at the moment they are due, so their timestamps say
// "now" when they leave, however long the run has been going.
import type { Outgoing } from '../payloads/types';

export type Scheduled = {
  /** Milliseconds after the start of the run (non-decreasing along a schedule). */
  atMs: number;
  /** The message(s) to publish at that moment; `now` is the wall clock when they are due. */
  make: (now: Date) => readonly Outgoing[];
};

export type Schedule = Iterable<Scheduled> | AsyncIterable<Scheduled>;

/** `max`: as fast as the bus takes it; a number: that many times faster than scheduled. */
export type Speed = number | 'max';

export function at(atMs: number, make: (now: Date) => readonly Outgoing[]): Scheduled {
  return { atMs, make };
}
