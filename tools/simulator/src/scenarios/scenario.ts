// A scenario: a schedule plus what a run needs to report on it.
import { CHANNELS } from '@tickstock/contracts';
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

const STREAM_CHANNELS: ReadonlySet<string> = new Set([CHANNELS.patternsStreaming, CHANNELS.patternsDetected, CHANNELS.indicatorsStreaming]);

/**
 * Stream traffic, what a load is measured in: messages on the pattern and indicator channels (not
 * sessions, health or alerts). By channel rather than by kind, so a replayed file counts alike.
 */
export function isStreamEvent(o: Outgoing): boolean {
  return STREAM_CHANNELS.has(o.channel);
}
