// The `type` (C, B) and `event` (A) values each channel carries (TICKSTOCKPL-FORMATS.md,
// "Generations"). Any other value is rejected as unknown_type: in particular a message that
// belongs to another channel (a `streaming_indicator` published on a pattern channel).
import { bad, preview, type Obj } from './fields';
import { Rejection } from './result';

export const PATTERN_TYPES: ReadonlySet<string> = new Set(['streaming_pattern', 'streaming_patterns_batch', 'pattern_detected']);
/** `streaming_indicators_batch` is not in the format doc; read like the pattern batch in case it appears. */
export const INDICATOR_TYPES: ReadonlySet<string> = new Set(['streaming_indicator', 'streaming_indicators_batch', 'indicator_calculated']);
export const SESSION_STARTED_TYPES: ReadonlySet<string> = new Set(['streaming_session_started', 'session_started']);
export const SESSION_STOPPED_TYPES: ReadonlySet<string> = new Set(['streaming_session_stopped', 'session_stopped']);
export const HEALTH_TYPES: ReadonlySet<string> = new Set(['streaming_health']);
export const INDICATOR_ALERT_TYPES: ReadonlySet<string> = new Set(['indicator_alert']);

/** Every message type of the streaming channels: on the critical channel `type` is the alert's kind, but never one of these. */
export const STREAMING_MESSAGE_TYPES: ReadonlySet<string> = new Set([
  ...PATTERN_TYPES,
  ...INDICATOR_TYPES,
  ...SESSION_STARTED_TYPES,
  ...SESSION_STOPPED_TYPES,
  ...HEALTH_TYPES,
  ...INDICATOR_ALERT_TYPES,
]);

/** Rejects a present `type` or `event` that is not one of `accepted`; absent ones are fine (the shape decides). */
export function checkType(o: Obj, accepted: ReadonlySet<string>): Rejection | undefined {
  return checkOne(o.type, 'type', accepted) ?? checkOne(o.event, 'event', accepted);
}

function checkOne(v: unknown, field: string, accepted: ReadonlySet<string>): Rejection | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') return bad(field, 'not a string', v);
  if (accepted.has(v)) return undefined;
  return new Rejection('unknown_type', `${field}: ${preview(v)} is not carried on this channel`);
}
