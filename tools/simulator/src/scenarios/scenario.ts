// A scenario: a schedule plus what a run needs to report on it.
import type { Outgoing } from '../payloads/types';
import type { Schedule } from '../pacing/schedule';

export type Scenario = {
  name: string;
  schedule: Schedule;
  /**
   * Published when a run is stopped before its schedule ends, so a stopped session still says
   * it stopped (as the real producer does on SIGTERM).
   */
  onEarlyStop?: (now: Date) => readonly Outgoing[];
  /** For progress: stream events (patterns and indicators) the run will publish, when known. */
  expectedEvents?: number;
  /** For progress: how long the schedule lasts at speed 1, when known. */
  durationMs?: number;
};

/** Patterns and indicators: the stream traffic a load is measured in (not sessions, health, alerts). */
export function isStreamEvent(o: Outgoing): boolean {
  return o.label.startsWith('pattern.') || o.label.startsWith('indicator.');
}
