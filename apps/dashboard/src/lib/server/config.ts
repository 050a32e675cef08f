// The dashboard server's settings (CONTRACT.md, "Processes, ports, settings"). Validated once at
// start (hooks.server.ts `init`); one error names every bad variable. DASHBOARD_PORT/HOST/ORIGIN
// are read by adapter-node itself (svelte.config.js, envPrefix).

export type DashboardConfig = {
  /** Where the server reaches the query service: login, tickets, REST history. */
  queryUrl: string;
  /** The fanout as the *browser* reaches it (ws:// or wss://), handed to the page by its load. */
  fanoutPublicUrl: string;
  /** How long one call to the query service may take before the page shows it as unavailable. */
  queryTimeoutMs: number;
};

type Env = Record<string, string | undefined>;

function url(env: Env, name: string, fallback: string, protocols: string[], problems: string[]): string {
  const raw = env[name]?.trim() || fallback;
  try {
    const u = new URL(raw);
    if (!protocols.includes(u.protocol)) throw new Error(`protocol ${u.protocol}`);
    return raw.replace(/\/+$/, '');
  } catch {
    problems.push(`${name} must be a URL starting with ${protocols.join(' or ')} (got "${raw}")`);
    return fallback;
  }
}

export function parseConfig(env: Env): DashboardConfig {
  const problems: string[] = [];
  const queryUrl = url(env, 'QUERY_URL', 'http://127.0.0.1:8080', ['http:', 'https:'], problems);
  const fanoutPublicUrl = url(env, 'FANOUT_PUBLIC_URL', 'ws://localhost:8090/ws', ['ws:', 'wss:'], problems);
  const rawTimeout = env['QUERY_TIMEOUT_MS']?.trim();
  const queryTimeoutMs = rawTimeout ? Number(rawTimeout) : 5000;
  if (!Number.isInteger(queryTimeoutMs) || queryTimeoutMs < 100 || queryTimeoutMs > 60_000) {
    problems.push(`QUERY_TIMEOUT_MS must be an integer from 100 to 60000 (got "${rawTimeout}")`);
  }
  if (problems.length > 0) throw new Error(`invalid dashboard settings: ${problems.join('; ')}`);
  return Object.freeze({ queryUrl, fanoutPublicUrl, queryTimeoutMs });
}
