// Each service as its own process, with the env tools/stack/src/main.ts gives it, on free ports.
import { freePort, waitFor } from '@tickstock/testing';
import { scrape, type Metrics } from './metrics';
import { spawnMain, type Child, type Exit } from './processes';

export type Service = Child & {
  readonly port: number;
  /** The HTTP status of /readyz, or 0 when nothing answers. */
  readyz(): Promise<number>;
  metrics(): Promise<Metrics>;
};

export type CommonEnv = { REDIS_URL: string; DATABASE_URL: string; REDIS_KEY_PREFIX: string; JWT_SECRET: string; LOG_LEVEL: string };

const READY_TIMEOUT_MS = 60_000; // tsx compiles each service on start; on 2 busy cores that takes seconds

async function status(port: number, path: string): Promise<number> {
  try {
    return (await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2_000) })).status;
  } catch (err) {
    void err; // refused or timed out: not answering
    return 0;
  }
}

async function startService(name: string, dir: string, port: number, env: Record<string, string>): Promise<Service> {
  const child = spawnMain(name, dir, env);
  const service: Service = Object.assign(child, {
    port,
    readyz: () => status(port, '/readyz'),
    metrics: () => scrape(port),
  });
  try {
    await waitFor(
      async () => {
        if (!child.alive()) throw new Error(`${name} exited: ${describeExit(await child.exited)}`);
        return (await service.readyz()) === 200;
      },
      { timeoutMs: READY_TIMEOUT_MS, intervalMs: 100, what: `${name} to be ready on ${port}` },
    );
  } catch (err) {
    await child.stop('SIGKILL');
    throw new Error(`${(err as Error).message}\n${name} output:\n${child.output().slice(-3_000)}`, { cause: err });
  }
  return service;
}

export function describeExit(exit: Exit): string {
  return exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
}

export async function startIngest(common: CommonEnv, id: string): Promise<Service> {
  const port = await freePort();
  return startService(id, 'apps/ingest', port, { ...common, INGEST_PORT: String(port), INGEST_INSTANCE_ID: id });
}

export async function startFanout(common: CommonEnv, name: string, extra: Record<string, string> = {}): Promise<Service> {
  const port = await freePort();
  return startService(name, 'apps/fanout', port, {
    ...common,
    FANOUT_PORT: String(port),
    FANOUT_HOST: '127.0.0.1',
    // Every client here shares 127.0.0.1: the per-IP connection limit would measure the harness.
    FANOUT_CONN_RATE_PER_IP: '0',
    ...extra,
  });
}

export async function startQuery(common: CommonEnv, admin: { username: string; password: string }): Promise<Service> {
  const port = await freePort();
  return startService('query', 'apps/query', port, {
    ...common,
    QUERY_PORT: String(port),
    QUERY_HOST: '127.0.0.1',
    ADMIN_USERNAME: admin.username,
    ADMIN_PASSWORD: admin.password,
  });
}
