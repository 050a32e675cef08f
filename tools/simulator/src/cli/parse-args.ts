// The CLI's arguments → one command, or a UsageError that main.ts prints with exit code 2.
// Pure, so every rule is unit-tested. Each command accepts only the options that mean something
// to it: `run quick --rate 5` is a mistake worth reporting, not a value to ignore.
import { parseArgs } from 'node:util';
import type { Speed } from '../pacing/schedule';
import { FORMAT_CHOICES, type FormatChoice } from '../payloads/types';
import { SCENARIO_NAMES, type ScenarioName, type ScenarioSpec } from '../scenarios';

export type CliCommand =
  | { command: 'help' }
  | { command: 'run'; scenario: ScenarioSpec; format: FormatChoice; seed?: number; redisUrl?: string }
  | { command: 'record'; out?: string; durationS?: number; redisUrl?: string }
  | { command: 'replay'; file: string; speed: Speed; redisUrl?: string };

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const LIMITS = { maxDurationS: 7 * 24 * 3600, maxRate: 100_000, maxSymbols: 10_000, maxSpeed: 10_000 } as const;
export const LOAD_DEFAULTS = { rate: 1000, symbols: 500, durationS: 60 } as const;

const OPTIONS = {
  format: { type: 'string' },
  duration: { type: 'string' },
  rate: { type: 'string' },
  symbols: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  speed: { type: 'string' },
  'redis-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
type OptionName = keyof typeof OPTIONS;
type Values = Partial<Record<OptionName, string | boolean>>;

const ALLOWED: Record<ScenarioName | 'record' | 'replay', readonly OptionName[]> = {
  quick: ['format', 'seed'],
  formats: ['seed'],
  session: ['format', 'seed', 'duration', 'symbols'],
  load: ['format', 'seed', 'duration', 'symbols', 'rate'],
  record: ['out', 'duration'],
  replay: ['speed'],
};

export function parseCliArgs(argv: readonly string[]): CliCommand {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    // node:util's messages name the option; its advice about `--` does not apply here.
    throw new UsageError((err instanceof Error ? err.message : String(err)).replace(/\. To specify a positional.*$/s, ''));
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help === true || command === undefined || command === 'help') return { command: 'help' };
  const redisUrl = redisUrlOf(values['redis-url']);

  switch (command) {
    case 'run': {
      const [name, ...extra] = rest;
      if (name === undefined) throw new UsageError(`run needs a scenario: ${SCENARIO_NAMES.join(', ')}`);
      if (!isScenarioName(name)) throw new UsageError(`unknown scenario "${name}" (expected ${SCENARIO_NAMES.join(', ')})`);
      noExtra(extra);
      onlyAllowed(values, name, `run ${name}`);
      const format = formatOf(values.format);
      const seed = values.seed === undefined ? undefined : integer('--seed', values.seed, 0, 2 ** 32 - 1);
      return { command: 'run', scenario: scenarioOf(name, values), format, seed, redisUrl };
    }
    case 'record': {
      noExtra(rest);
      onlyAllowed(values, 'record', 'record');
      const out = values.out === undefined ? undefined : nonEmpty('--out', values.out);
      return { command: 'record', out, durationS: durationOf(values.duration), redisUrl };
    }
    case 'replay': {
      const [file, ...extra] = rest;
      if (file === undefined) throw new UsageError('replay needs a FILE (a recording made with `record`)');
      noExtra(extra);
      onlyAllowed(values, 'replay', 'replay');
      return { command: 'replay', file, speed: speedOf(values.speed), redisUrl };
    }
    default:
      throw new UsageError(`unknown command "${command}" (expected run, record or replay)`);
  }
}

function scenarioOf(name: ScenarioName, v: Values): ScenarioSpec {
  switch (name) {
    case 'quick':
    case 'formats':
      return { name };
    case 'session':
      return { name, durationS: durationOf(v.duration), symbols: symbolsOf(v.symbols) };
    case 'load': {
      const rate = v.rate === undefined ? LOAD_DEFAULTS.rate : positive('--rate', v.rate, LIMITS.maxRate);
      const durationS = durationOf(v.duration) ?? LOAD_DEFAULTS.durationS;
      if (Math.round(rate * durationS) < 1) throw new UsageError('--rate × --duration is under one event');
      return { name, rate, durationS, symbols: symbolsOf(v.symbols) ?? LOAD_DEFAULTS.symbols };
    }
  }
}

function isScenarioName(s: string): s is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(s);
}

function onlyAllowed(v: Values, key: keyof typeof ALLOWED, what: string): void {
  const allowed = new Set<OptionName>([...ALLOWED[key], 'redis-url', 'help']);
  const wrong = (Object.keys(v) as OptionName[]).filter((k) => !allowed.has(k));
  if (wrong.length > 0) throw new UsageError(`${what} does not take ${wrong.map((k) => `--${k}`).join(', ')}`);
}

function noExtra(extra: readonly string[]): void {
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
}

function str(name: string, v: string | boolean): string {
  if (typeof v !== 'string') throw new UsageError(`${name} needs a value`);
  return v;
}

function nonEmpty(name: string, v: string | boolean): string {
  const s = str(name, v);
  if (s.trim() === '') throw new UsageError(`${name} needs a value`);
  return s;
}

/** Plain decimal numbers only: `1e3`, `0x10`, ` 5` and `Infinity` are typos, not values. */
function positive(name: string, v: string | boolean, max: number): number {
  const s = str(name, v);
  const n = /^\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
  if (!(n > 0)) throw new UsageError(`${name} must be a positive number, got "${s}"`);
  if (n > max) throw new UsageError(`${name} must be at most ${max}, got ${s}`);
  return n;
}

function integer(name: string, v: string | boolean, min: number, max: number): number {
  const s = str(name, v);
  const n = /^\d+$/.test(s) ? Number(s) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got "${s}"`);
  return n;
}

function durationOf(v: string | boolean | undefined): number | undefined {
  return v === undefined ? undefined : positive('--duration', v, LIMITS.maxDurationS);
}

function symbolsOf(v: string | boolean | undefined): number | undefined {
  return v === undefined ? undefined : integer('--symbols', v, 1, LIMITS.maxSymbols);
}

function formatOf(v: string | boolean | undefined): FormatChoice {
  if (v === undefined) return 'C';
  const s = str('--format', v);
  const found = FORMAT_CHOICES.find((f) => f.toLowerCase() === s.toLowerCase());
  if (found === undefined) throw new UsageError(`--format must be one of ${FORMAT_CHOICES.join(', ')}, got "${s}"`);
  return found;
}

function speedOf(v: string | boolean | undefined): Speed {
  if (v === undefined) return 1;
  if (v === 'max') return 'max';
  return positive('--speed', v, LIMITS.maxSpeed);
}

function redisUrlOf(v: string | boolean | undefined): string | undefined {
  if (v === undefined) return undefined;
  const s = str('--redis-url', v);
  if (!/^rediss?:\/\/./.test(s)) throw new UsageError(`--redis-url must start with redis:// or rediss://, got "${s}"`);
  return s;
}
