// `session`: a continuous streaming session with the old simulator's mix (issue 6): in each
// second, a pattern with probability 0.3 and indicators with probability 0.7; health every 10 s
// (and once right after the start, so a dashboard has some at once); an indicator alert now and
// then; a critical alert rarely. High-confidence patterns go to both pattern channels, in either
// order as the real producer's do; under B some patterns arrive as a producer batch.
// Without a duration it runs until stopped.
import { at, type Scheduled } from '../pacing/schedule';
import type { Producer } from '../producer';
import type { Scenario } from './scenario';

export const SESSION_MIX = {
  patternShare: 0.3,
  indicatorShare: 0.7,
  healthEveryS: 10,
  /** About one a minute. */
  indicatorAlertShare: 1 / 60,
  /** About one every 20 minutes: rare, as in production. */
  criticalAlertShare: 1 / 1200,
  /** Under generation B, share of pattern seconds sent as a producer batch instead. */
  batchShare: 0.2,
} as const;

export function sessionScenario(p: Producer, durationS?: number): Scenario {
  const durationMs = durationS === undefined ? undefined : Math.round(durationS * 1000);
  return {
    name: 'session',
    schedule: sessionSchedule(p, durationMs),
    onEarlyStop: (now) => (p.live() ? [p.stop(now)] : []),
    durationMs,
  };
}

function* sessionSchedule(p: Producer, durationMs: number | undefined): Generator<Scheduled> {
  const { rng } = p;
  yield at(0, (now) => [p.start(now)]);
  for (let second = 0; durationMs === undefined || second * 1000 < durationMs; second++) {
    const base = second * 1000;
    const items: Scheduled[] = [];
    // Random moments within the second, so messages do not all land on the second boundary.
    const moment = () => base + rng.int(1, 999);
    if (second % SESSION_MIX.healthEveryS === 0) items.push(at(base + 500, (now) => [p.health(now)]));
    if (rng.chance(SESSION_MIX.patternShare)) {
      const batch = p.generation() === 'B' && rng.chance(SESSION_MIX.batchShare);
      items.push(
        at(moment(), (now) =>
          batch ? [p.patternBatch(now, rng.int(2, 6), rng.chance(0.5) ? 'streaming' : 'detected')] : p.pattern(now, { detectedFirst: rng.chance(0.5) }),
        ),
      );
    }
    if (rng.chance(SESSION_MIX.indicatorShare)) {
      const n = rng.int(1, 3);
      for (let i = 0; i < n; i++) items.push(at(moment(), (now) => [p.indicator(now)]));
    }
    if (rng.chance(SESSION_MIX.indicatorAlertShare)) items.push(at(moment(), (now) => [p.indicatorAlert(now)]));
    if (rng.chance(SESSION_MIX.criticalAlertShare)) items.push(at(moment(), (now) => [p.criticalAlert(now)]));
    items.sort((a, b) => a.atMs - b.atMs);
    for (const item of items) {
      if (durationMs !== undefined && item.atMs >= durationMs) continue;
      yield item;
    }
  }
  if (durationMs !== undefined) yield at(durationMs, (now) => [p.stop(now)]);
}
