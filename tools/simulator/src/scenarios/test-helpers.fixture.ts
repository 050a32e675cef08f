// Runs a scenario's schedule without a clock (test helper): every message with the time it is due.
import type { Outgoing, FormatChoice } from '../payloads/types';
import { createProducer } from '../producer';
import { createRng } from '../payloads/rng';
import { symbolUniverse } from '../payloads/symbols';
import type { Scheduled } from '../pacing/schedule';
import { buildScenario, symbolCount, type Scenario, type ScenarioSpec } from '.';

export const T0 = Date.UTC(2025, 9, 16, 13, 30);

export type Sent = Outgoing & { atMs: number };

export function scenarioOf(spec: ScenarioSpec, format: FormatChoice = 'C', seed = 7): Scenario {
  return buildScenario(spec, createProducer({ rng: createRng(seed), format, symbols: symbolUniverse(symbolCount(spec)) }));
}

export function drain(scenario: Scenario): Sent[] {
  const out: Sent[] = [];
  for (const item of scenario.schedule as Iterable<Scheduled>) {
    for (const o of item.make(new Date(T0 + item.atMs))) out.push({ ...o, atMs: item.atMs });
  }
  return out;
}
