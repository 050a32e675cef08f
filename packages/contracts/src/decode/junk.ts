// Smoke-test junk (TICKSTOCKPL-FORMATS.md, "Bad input": `{"test": true, "timestamp": ...}`
// published to every channel). A message that lacks a required field AND has none of the keys
// its channel's messages carry is junk rather than an incomplete message. Checked only on the
// way out of a missing_field rejection, so valid traffic never pays for it.
import { CHANNELS, type Channel } from '../channels';
import { hasAny, type Obj } from './fields';
import { Rejection } from './result';

const PATTERN = ['type', 'event', 'detection', 'patterns', 'pattern', 'pattern_type', 'pattern_name', 'symbol'];
const SESSION = ['type', 'event', 'session', 'data', 'session_id'];

export const JUNK_SIGNATURES: Readonly<Record<Channel, readonly string[]>> = {
  [CHANNELS.sessionStarted]: SESSION,
  [CHANNELS.sessionStopped]: SESSION,
  [CHANNELS.health]: ['type', 'event', 'health', 'status', 'session_id', 'active_symbols', 'ticks_per_second', 'issues', 'data_flow'],
  [CHANNELS.patternsStreaming]: PATTERN,
  [CHANNELS.patternsDetected]: PATTERN,
  [CHANNELS.indicatorsStreaming]: ['type', 'event', 'calculation', 'indicator', 'indicators', 'indicator_type', 'indicator_name', 'symbol', 'value', 'values'],
  [CHANNELS.alertsIndicators]: ['type', 'event', 'alert', 'alert_type', 'symbol'],
  [CHANNELS.alertsCritical]: ['type', 'alert', 'message'],
  [CHANNELS.eventsPatterns]: ['event_type', 'data', 'symbol', 'pattern', 'pattern_name'],
  [CHANNELS.eventsBacktestProgress]: ['job_id', 'event_type', 'data'],
  [CHANNELS.eventsBacktestResults]: ['job_id', 'event_type', 'data'],
  [CHANNELS.healthStatus]: ['status', 'metrics', 'event_type'],
};

/** Turns a missing_field rejection of a message with no recognizable key into a junk one. */
export function junkOr(rejection: Rejection, o: Obj, signature: readonly string[]): Rejection {
  if (rejection.reason !== 'missing_field' || hasAny(o, signature)) return rejection;
  const keys = Object.keys(o);
  const shown = keys.slice(0, 5).map((k) => (k.length > 24 ? `${k.slice(0, 24)}…` : k));
  return new Rejection('junk', `no recognizable field (keys: ${shown.join(', ') || 'none'}${keys.length > 5 ? ', …' : ''})`);
}
