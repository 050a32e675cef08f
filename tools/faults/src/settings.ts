// The suite's knobs: the numbers by default, each overridable by env (a quicker local
// run, a longer soak). Read once by main.ts.
import { randomInt } from 'node:crypto';

export const SCENARIO_NAMES = ['leader-kill', 'redis-outage', 'postgres-outage', 'fanout-sigterm', 'fuzzer'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export type Settings = {
  scenarios: ScenarioName[];
  /** Background traffic of the simulator's load scenario (events/s) where the issue names none. */
  loadRate: number;
  symbols: number;
  /** Counting WebSocket clients per fanout pod. */
  clients: number;
  /** Issue: the standby publishes within 3 s of the leader's kill -9. */
  takeoverLimitMs: number;
  redisDownS: number;
  postgresDownS: number;
  /** Issue: PostgreSQL stopped under 1,000 events/s. */
  postgresRate: number;
  /** The SIGTERMed pod's drain period (FANOUT_DRAIN_MS; the service's default is 20 s). */
  fanoutDrainMs: number;
  fuzzS: number;
  /** Mutated messages per second. */
  fuzzRate: number;
  seed: number;
  /** Known bugs (report.ts) fail their scenario too. */
  strict: boolean;
  /** LOG_LEVEL of the services (their output is shown when a scenario fails). */
  logLevel: string;
};

function number(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number >= ${min}, got "${raw}"`);
  return value;
}

/** Scenarios named on the command line (or FAULTS_SCENARIOS, comma-separated), else all of them. */
export function loadSettings(env: NodeJS.ProcessEnv, argv: readonly string[]): Settings {
  const named = argv.length > 0 ? argv : (env.FAULTS_SCENARIOS ?? '').split(',').filter(Boolean);
  for (const n of named) if (!(SCENARIO_NAMES as readonly string[]).includes(n)) throw new Error(`unknown scenario "${n}" (have: ${SCENARIO_NAMES.join(', ')})`);
  return {
    scenarios: named.length > 0 ? (named as ScenarioName[]) : [...SCENARIO_NAMES],
    loadRate: number(env, 'FAULTS_LOAD_RATE', 200, 1),
    symbols: number(env, 'FAULTS_SYMBOLS', 40, 1),
    clients: number(env, 'FAULTS_CLIENTS', 10, 1),
    takeoverLimitMs: 3_000,
    redisDownS: number(env, 'FAULTS_REDIS_DOWN_S', 10, 1),
    postgresDownS: number(env, 'FAULTS_POSTGRES_DOWN_S', 30, 1),
    postgresRate: number(env, 'FAULTS_POSTGRES_RATE', 1_000, 1),
    fanoutDrainMs: number(env, 'FAULTS_FANOUT_DRAIN_MS', 5_000, 0),
    fuzzS: number(env, 'FAULTS_FUZZ_S', 120, 1),
    fuzzRate: number(env, 'FAULTS_FUZZ_RATE', 500, 1),
    seed: number(env, 'FAULTS_SEED', randomInt(1, 2 ** 31), 0),
    strict: env.FAULTS_STRICT === '1',
    logLevel: env.FAULTS_LOG_LEVEL ?? 'warn',
  };
}
