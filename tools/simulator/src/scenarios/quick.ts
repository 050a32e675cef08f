// `quick`: the smallest complete session, for a first look at a dashboard — session start,
// 3 patterns (the second high-confidence, so it goes to both pattern channels), 5 indicators
// (one of each kind), an RSI_OVERBOUGHT alert, a health message, session stop. 100 ms apart.
import { at, type Scheduled } from '../pacing/schedule';
import { INDICATOR_KINDS } from '../payloads/indicators';
import type { Producer } from '../producer';
import type { Scenario } from './scenario';

export const QUICK_STEP_MS = 100;

export function quickScenario(p: Producer): Scenario {
  const sym = (i: number) => p.symbols[i % p.symbols.length] as string;
  const steps: ((now: Date) => ReturnType<Scheduled['make']>)[] = [
    (now) => [p.start(now)],
    (now) => p.pattern(now, { pattern: 'Doji', symbol: sym(0), confidence: 0.72 }),
    (now) => p.pattern(now, { pattern: 'Hammer', symbol: sym(1), confidence: 0.86 }),
    (now) => p.pattern(now, { pattern: 'BullishEngulfing', symbol: sym(2), confidence: 0.64 }),
    ...INDICATOR_KINDS.map((kind, i) => (now: Date) => [p.indicator(now, { kind, symbol: sym(i) })]),
    (now) => [p.indicatorAlert(now, 'RSI_OVERBOUGHT', sym(0))],
    (now) => [p.health(now)],
    (now) => [p.stop(now)],
  ];
  return {
    name: 'quick',
    schedule: steps.map((make, i) => at(i * QUICK_STEP_MS, make)),
    onEarlyStop: (now) => (p.live() ? [p.stop(now)] : []),
    expectedEvents: 3 + 1 + INDICATOR_KINDS.length,
    durationMs: (steps.length - 1) * QUICK_STEP_MS,
  };
}
