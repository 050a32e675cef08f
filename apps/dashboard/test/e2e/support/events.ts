// Frames as the producer's events would arrive, stamped now (the pages show times and durations).
import type { CriticalAlert, Health, Indicator, IndicatorAlert, Pattern, Session } from '@tickstock/contracts';
import type { Unsequenced } from './fake-fanout';
import { criticalAlert, health, indicator, indicatorAlert, pattern, session } from '../../../src/lib/stream/testing/frames';

const now = (offsetS = 0) => new Date(Date.now() + offsetS * 1000).toISOString();
let n = 0;
const id = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${n++}`;

export const make = {
  pattern: (over: Partial<Pattern> = {}): Pattern => pattern({ id: id('p'), timestamp: now(), ...over }),
  indicator: (over: Partial<Indicator> = {}): Indicator => indicator({ id: id('i'), timestamp: now(), ...over }),
  session: (over: Partial<Session> = {}): Session => session({ session_id: 'sess-e2e', start_time: now(-754), ...over }),
  health: (over: Partial<Health> = {}): Health => health({ timestamp: now(), ...over }),
  indicatorAlert: (over: Partial<IndicatorAlert> = {}): IndicatorAlert => indicatorAlert({ id: id('a'), timestamp: now(), ...over }),
  criticalAlert: (over: Partial<CriticalAlert> = {}): CriticalAlert => criticalAlert({ id: id('c'), timestamp: now(), ...over }),
};

export const frame = {
  patterns: (ps: Pattern[]): Unsequenced => ({
    event: 'streaming_patterns_batch',
    data: { patterns: ps.map((p) => ({ type: 'streaming_pattern', key: `${p.symbol}:${p.pattern_type}`, detection: p })), count: ps.length, timestamp: now() },
  }),
  pattern: (p: Pattern): Unsequenced => ({ event: 'streaming_pattern', data: { type: 'streaming_pattern', key: `${p.symbol}:${p.pattern_type}`, detection: p } }),
  indicators: (is: Indicator[]): Unsequenced => ({
    event: 'streaming_indicators_batch',
    data: { indicators: is.map((i) => ({ type: 'streaming_indicator', key: `${i.symbol}:${i.indicator_type}`, calculation: i })), count: is.length, timestamp: now() },
  }),
  started: (s: Session): Unsequenced => ({ event: 'streaming_session', data: { type: 'streaming_session_started', session: s } }),
  health: (h: Health): Unsequenced => ({ event: 'streaming_health', data: { type: 'streaming_health', health: h } }),
  indicatorAlert: (a: IndicatorAlert): Unsequenced => ({ event: 'indicator_alert', data: { type: 'indicator_alert', alert: a } }),
  criticalAlert: (a: CriticalAlert): Unsequenced => ({ event: 'critical_alert', data: { type: 'critical_alert', alert: a } }),
};
