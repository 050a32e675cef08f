// Environment → validated, typed, frozen configuration. One error lists every bad variable,
// so an operator fixes a deployment in one pass instead of one restart per typo.
import type { Static, TObject, TSchema } from 'typebox';
import { Value } from 'typebox/value';

/** Values of these variables are never echoed in errors: they may hold credentials. */
const SECRET_NAME = /SECRET|PASSWORD|TOKEN|KEY|URL/i;
const INTEGER = /^[-+]?\d+$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const BOOLEANS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false, yes: true, no: false };

export type ConfigProblem = { variable: string; message: string };

export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable} ${p.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig<S extends TObject>(schema: S, env: Record<string, string | undefined>): Readonly<Static<S>> {
  const config: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  const required = new Set(schema.required ?? []);
  for (const [variable, property] of Object.entries(schema.properties as Record<string, TSchema>)) {
    const text = env[variable];
    // An empty variable means "not set": `FOO=` in a .env file must not become the empty string.
    if (text === undefined || text === '') {
      const fallback = (property as { default?: unknown }).default;
      if (fallback !== undefined) config[variable] = fallback;
      else if (required.has(variable)) problems.push({ variable, message: 'is required' });
      continue;
    }
    const value = convert(property, text);
    if (Value.Check(property, value)) config[variable] = value;
    else problems.push({ variable, message: explain(variable, property, value, text) });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config) as Readonly<Static<S>>;
}

/** Env values are text: read them as the schema's type says, strictly (no `1.5` → 1). */
function convert(property: TSchema, text: string): unknown {
  const type = (property as { type?: unknown }).type;
  if (type === 'integer') return INTEGER.test(text) ? Number(text) : text;
  if (type === 'number') return NUMBER.test(text) ? Number(text) : text;
  if (type === 'boolean') return BOOLEANS[text.toLowerCase()] ?? text;
  return text;
}

function explain(variable: string, property: TSchema, value: unknown, text: string): string {
  const allowed = ((property as { anyOf?: { const?: unknown }[] }).anyOf ?? [])
    .map((s) => s.const)
    .filter((c): c is string | number => typeof c === 'string' || typeof c === 'number');
  const first = [...Value.Errors(property, value)][0];
  const detail = allowed.length > 0 ? `must be one of ${allowed.join(', ')}` : (first?.message ?? 'is invalid');
  return SECRET_NAME.test(variable) ? detail : `${detail} (got ${JSON.stringify(text)})`;
}
