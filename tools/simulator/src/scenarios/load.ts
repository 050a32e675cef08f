// `load --rate R --symbols S --duration D`: exactly round(R × D) stream events (patterns and
// indicators, in the generation `--format` picks) spread evenly over D seconds — event i is due
// at i/R s — around one session (start, health every 10 s, stop, which are not counted).
// A high-confidence pattern is two events (one per pattern channel, as the producer sends it);
// when only one slot is left, the last pattern stays below 0.8 so the count is exact.
import { at, type Scheduled } from '../pacing/schedule';
import type { Producer } from '../producer';
import { DETECTED_CONFIDENCE } from '../payloads/patterns';
import { round } from '../payloads/rng';
import type { Scenario } from './scenario';

export type LoadOptions = { rate: number; durationS: number };

/** Share of events that are patterns; the rest are indicators (the producer computes far more indicators). */
export const LOAD_PATTERN_SHARE = 0.35;
const HEALTH_EVERY_MS = 10_000;

export function loadEventCount(o: LoadOptions): number {
  return Math.round(o.rate * o.durationS);
}

export function loadScenario(p: Producer, o: LoadOptions): Scenario {
  if (!(o.rate > 0) || !(o.durationS > 0)) throw new RangeError('load needs a positive rate and duration');
  return {
    name: 'load',
    schedule: loadSchedule(p, o),
    onEarlyStop: (now) => (p.live() ? [p.stop(now)] : []),
    expectedEvents: loadEventCount(o),
    durationMs: o.durationS * 1000,
  };
}

function* loadSchedule(p: Producer, o: LoadOptions): Generator<Scheduled> {
  const { rng } = p;
  const total = loadEventCount(o);
  const slotMs = 1000 / o.rate;
  const durationMs = o.durationS * 1000;
  let nextHealth = 0;
  yield at(0, (now) => [p.start(now)]);
  for (let slot = 0; slot < total; ) {
    const atMs = slot * slotMs;
    for (; nextHealth <= atMs; nextHealth += HEALTH_EVERY_MS) yield at(nextHealth, (now) => [p.health(now)]);
    const left = total - slot;
    if (rng.chance(LOAD_PATTERN_SHARE)) {
      const confidence = round(rng.between(0.5, left >= 2 ? 0.95 : DETECTED_CONFIDENCE - 0.01), 2);
      yield at(atMs, (now) => p.pattern(now, { confidence, detectedFirst: rng.chance(0.5) }));
      slot += confidence >= DETECTED_CONFIDENCE ? 2 : 1;
    } else {
      yield at(atMs, (now) => [p.indicator(now)]);
      slot += 1;
    }
  }
  for (; nextHealth < durationMs; nextHealth += HEALTH_EVERY_MS) yield at(nextHealth, (now) => [p.health(now)]);
  yield at(durationMs, (now) => [p.stop(now)]);
}
