// `formats`: every payload generation of TICKSTOCKPL-FORMATS.md once, then the old smoke test's
// junk on all 12 channels — a live check that an ingest reads every shape and rejects the junk.
// Order: a session opens (C, then A), health (C, A), patterns (C, C high on both channels, A, B,
// B batches on both channels), indicators (every kind in C, A's named values), indicator alerts
// (flat C, flat A, wrapped B), critical alerts (flat C, flat A, wrapped B), the tickstock.events.*
// envelopes (body flat and nested 1-3 deep), backtest progress and result, system health, the
// junk, and the session closes (A, then C). `--format` does not apply: this is all of them.
import { at, type Scheduled } from '../pacing/schedule';
import { backtestProgress, backtestResult, envelopePattern, systemHealth } from '../payloads/envelopes';
import { INDICATOR_KINDS } from '../payloads/indicators';
import { junkOnEveryChannel } from '../payloads/junk';
import type { Generation, Outgoing } from '../payloads/types';
import type { Producer } from '../producer';
import type { Scenario } from './scenario';

export const FORMATS_STEP_MS = 50;

type Step = (now: Date) => readonly Outgoing[];

export function formatsScenario(p: Producer): Scenario {
  const { rng } = p;
  const sym = (i: number) => p.symbols[i % p.symbols.length] as string;
  const jobId = `bt-${rng.int(1000, 9999)}`;
  const each = <T>(items: readonly T[], step: (item: T, i: number) => Step): Step[] => items.map(step);
  const gens: Generation[] = ['C', 'A', 'B'];

  const steps: Step[] = [
    (now) => [p.start(now, 'C')],
    (now) => [p.start(now, 'A')],
    (now) => [p.health(now, 'C')],
    (now) => [p.health(now, 'A')],
    ...each(gens, (generation, i) => (now: Date) => p.pattern(now, { generation, symbol: sym(i), confidence: 0.66 })),
    ...each(gens, (generation, i) => (now: Date) => p.pattern(now, { generation, symbol: sym(i + 3), confidence: 0.88 })),
    (now) => [p.patternBatch(now, 3, 'streaming')],
    (now) => [p.patternBatch(now, 2, 'detected')],
    ...each(INDICATOR_KINDS, (kind, i) => (now: Date) => [p.indicator(now, { kind, symbol: sym(i), generation: 'C' })]),
    ...each(INDICATOR_KINDS, (kind, i) => (now: Date) => [p.indicator(now, { kind, symbol: sym(i + 5), generation: 'A' })]),
    ...each(gens, (generation, i) => (now: Date) => [p.indicatorAlert(now, i === 1 ? 'RSI_OVERSOLD' : 'RSI_OVERBOUGHT', sym(i), generation)]),
    ...each(gens, (generation) => (now: Date) => [p.criticalAlert(now, generation)]),
    ...each([0, 1, 2, 3] as const, (nesting, i) => (now: Date) => [envelopePattern(rng, sym(i), i % 2 ? 'Breakout' : 'Volume_Spike', now, nesting)]),
    (now) => [backtestProgress(jobId, 0.35, sym(0), now)],
    (now) => [backtestProgress(jobId, 0.9, sym(1), now)],
    (now) => [backtestResult(rng, jobId, now)],
    (now) => [systemHealth(rng, now)],
    () => junkOnEveryChannel(),
    (now) => [p.stop(now, 'A')],
    (now) => [p.stop(now, 'C')],
  ];
  return {
    name: 'formats',
    schedule: steps.map((make, i): Scheduled => at(i * FORMATS_STEP_MS, make)),
    onEarlyStop: (now) => (p.live() ? [p.stop(now, 'C')] : []),
    durationMs: (steps.length - 1) * FORMATS_STEP_MS,
  };
}
