// Compose's variable interpolation (compose-spec "Interpolation"), for the forms this repository
// uses: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error} and $$ for a dollar.
// It lets the tests lint what `docker compose config` would hand the engine, with a given env.
const VARIABLE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g;

export type Reference = { name: string; operator: string | undefined; argument: string | undefined };

/** Every ${…} a text refers to. */
export function references(text: string): Reference[] {
  return [...text.matchAll(VARIABLE)].filter((m) => m[1]).map((m) => ({ name: m[1]!, operator: m[2], argument: m[3] }));
}

export function interpolate(text: string, env: Record<string, string | undefined>): string {
  return text.replace(VARIABLE, (whole, name?: string, op?: string, arg?: string) => {
    if (!name) return '$';
    const value = env[name];
    const missing = op?.startsWith(':') ? value === undefined || value === '' : value === undefined;
    if (!missing) return value!;
    if (op?.endsWith('?')) throw new Error(`required variable ${name} is missing a value: ${arg}`);
    if (op?.endsWith('-')) return arg ?? '';
    return '';
  });
}

/** Interpolates every string of a parsed compose file (keys stay as written, like compose). */
export function interpolateDeep<T>(value: T, env: Record<string, string | undefined>): T {
  if (typeof value === 'string') return interpolate(value, env) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => interpolateDeep(v, env)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateDeep(v, env)])) as T;
  }
  return value;
}
