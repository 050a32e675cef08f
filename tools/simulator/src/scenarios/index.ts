// The scenarios by name, and how a spec becomes one.
import type { Producer } from '../producer';
import { formatsScenario } from './formats';
import { loadScenario } from './load';
import { quickScenario } from './quick';
import type { Scenario } from './scenario';
import { sessionScenario } from './session';

export const SCENARIO_NAMES = ['quick', 'session', 'formats', 'load'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export type ScenarioSpec =
  | { name: 'quick' }
  /** Without durationS the session runs until the simulator is stopped. */
  | { name: 'session'; durationS?: number; symbols?: number }
  | { name: 'formats' }
  | { name: 'load'; rate: number; symbols: number; durationS: number };

/** How many symbols each scenario's universe holds unless told. */
export const DEFAULT_SYMBOLS: Record<ScenarioName, number> = { quick: 10, session: 60, formats: 10, load: 500 };

export function symbolCount(spec: ScenarioSpec): number {
  return (spec.name === 'session' || spec.name === 'load' ? spec.symbols : undefined) ?? DEFAULT_SYMBOLS[spec.name];
}

export function buildScenario(spec: ScenarioSpec, producer: Producer): Scenario {
  switch (spec.name) {
    case 'quick':
      return quickScenario(producer);
    case 'session':
      return sessionScenario(producer, spec.durationS);
    case 'formats':
      return formatsScenario(producer);
    case 'load':
      return loadScenario(producer, { rate: spec.rate, durationS: spec.durationS });
  }
}

export { isStreamEvent, type Scenario } from './scenario';
