// /healthz, /readyz and /metrics, independent of the HTTP server: Fastify routes, a
// uWebSockets.js handler and a bare node:http server all answer with `opsResponse`.
import { timingSafeEqual } from 'node:crypto';
import type { Registry } from 'prom-client';

export type ReadinessCheck = () => boolean | Promise<boolean>;

export type OpsResponse = { status: number; contentType: string; body: string };

export type Health = {
  /** Adds a named condition that must hold for /readyz to answer 200. */
  addCheck(name: string, check: ReadinessCheck): void;
  /** From now on /readyz answers 503: the process is draining and takes no new work. */
  markDraining(): void;
  isDraining(): boolean;
  readiness(): Promise<{ ready: boolean; draining: boolean; checks: Record<string, boolean> }>;
};

export function createHealth(): Health {
  const checks = new Map<string, ReadinessCheck>();
  let draining = false;
  return {
    addCheck: (name, check) => void checks.set(name, check),
    markDraining: () => void (draining = true),
    isDraining: () => draining,
    async readiness() {
      const results: Record<string, boolean> = {};
      for (const [name, check] of checks) {
        try {
          results[name] = await check();
        } catch {
          // A check that throws is a failed check; readiness must answer, not crash.
          results[name] = false;
        }
      }
      const ready = !draining && Object.values(results).every(Boolean);
      return { ready, draining, checks: results };
    },
  };
}

export const OPS_PATHS = ['/healthz', '/readyz', '/metrics'] as const;

export type OpsAccess = {
  /** When set, /metrics answers only to `Authorization: Bearer <metricsToken>` (probes stay open). */
  metricsToken?: string | undefined;
  authorization?: string | undefined;
};

/** The answer for an ops path, or undefined when `path` is not one. */
export async function opsResponse(
  path: string,
  health: Health,
  registry: Registry,
  access: OpsAccess = {},
): Promise<OpsResponse | undefined> {
  switch (path) {
    case '/healthz':
      return json(200, { status: 'ok' });
    case '/readyz': {
      const r = await health.readiness();
      return json(r.ready ? 200 : 503, { status: r.ready ? 'ready' : r.draining ? 'draining' : 'not_ready', checks: r.checks });
    }
    case '/metrics':
      if (access.metricsToken && !bearerMatches(access.authorization, access.metricsToken)) {
        return json(401, { error: { code: 'UNAUTHORIZED', message: 'metrics need a bearer token' } });
      }
      return { status: 200, contentType: registry.contentType, body: await registry.metrics() };
    default:
      return undefined;
  }
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function json(status: number, body: unknown): OpsResponse {
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) };
}
