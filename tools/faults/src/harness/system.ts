// One scenario's system: its own key prefix and database on the suite's Redis and PostgreSQL,
// the services it asks for as processes, a login at the query service (tickets for the
// clients come from POST /auth/ws-token, as the dashboard gets them), and the clients.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedisBus, type Bus } from '@tickstock/bus';
import { createTestDatabase, uniquePrefix, type TestDatabase, type TestPostgres, type TestRedis } from '@tickstock/testing';
import { startClient, type CountingClient } from './clients';
import { killAll } from './processes';
import { startFanout, startIngest, startQuery, type CommonEnv, type Service } from './services';

export type Servers = { redis: TestRedis; postgres: TestPostgres; logLevel: string };

export type SystemSpec = { ingests: string[]; fanouts: { name: string; env?: Record<string, string> }[] };

export type System = {
  readonly prefix: string;
  readonly common: CommonEnv;
  readonly database: TestDatabase;
  /** The deployment's keys (frames stream, lease, ...). */
  readonly bus: Bus;
  /** No prefix: TickStockPL's channels and keys (the tap, the fuzzer). */
  readonly raw: Bus;
  readonly ingests: Service[];
  readonly fanouts: Service[];
  readonly query: Service;
  ticket(): Promise<string>;
  /** GET on the query service with the login token; resolves with the status. */
  rest(path: string): Promise<number>;
  /** The last lines each service wrote (warnings and errors at the default LOG_LEVEL). */
  outputs(): string;
  /** `count` counting clients; each reconnects to `port()` when its socket is closed. */
  startClients(count: number, port: () => number, prefix?: string): Promise<CountingClient[]>;
  /** Everything down: clients, processes (SIGKILL what is left), buses, the database. */
  close(): Promise<void>;
};

export async function startSystem(servers: Servers, name: string, spec: SystemSpec): Promise<System> {
  const database = await createTestDatabase(`faults-${name}`, { server: servers.postgres });
  const common: CommonEnv = {
    REDIS_URL: servers.redis.url,
    DATABASE_URL: database.url,
    REDIS_KEY_PREFIX: uniquePrefix(`faults-${name}`),
    // Made for this run and handed to the processes only: no secret is kept anywhere.
    JWT_SECRET: randomBytes(48).toString('base64url'),
    LOG_LEVEL: servers.logLevel,
  };
  const quiet = () => undefined; // outages are the point here: the scenarios watch readiness instead
  const bus = createRedisBus({ url: servers.redis.url, prefix: common.REDIS_KEY_PREFIX, name: `faults-${name}`, onError: quiet });
  const raw = createRedisBus({ url: servers.redis.url, prefix: '', name: `faults-${name}-raw`, onError: quiet });
  const clients: CountingClient[] = [];
  try {
    const admin = { username: 'faults', password: randomBytes(18).toString('base64url') };
    // The ingests first, one at a time, so the first named leads; the others in parallel.
    const ingests: Service[] = [];
    for (const id of spec.ingests) ingests.push(await startIngest(common, id));
    const [query, ...fanouts] = await Promise.all([startQuery(common, admin), ...spec.fanouts.map((f) => startFanout(common, f.name, f.env))]);
    const login = await post(query.port, '/auth/login', undefined, admin);
    const loginToken = (login as { token: string }).token;
    const ticket = async () => ((await post(query.port, '/auth/ws-token', loginToken)) as { token: string }).token;
    return {
      prefix: common.REDIS_KEY_PREFIX,
      common,
      database,
      bus,
      raw,
      ingests,
      fanouts,
      query: query,
      ticket,
      rest: async (path) => (await fetch(`http://127.0.0.1:${query.port}${path}`, { headers: { authorization: `Bearer ${loginToken}` }, signal: AbortSignal.timeout(5_000) })).status,
      outputs: () => {
        // The whole tail of each service's output goes to a file; the report shows the errors.
        const dir = mkdtempSync(join(tmpdir(), `tickstock-faults-${name}-`));
        const parts = [...ingests, query, ...fanouts].map((s) => {
          writeFileSync(join(dir, `${s.name}.log`), s.output());
          return `  ── ${s.name}: last errors ──\n${lastErrors(s.output())}`;
        });
        return [`  services' output (last 32 KB each): ${dir}`, ...parts].join('\n');
      },
      async startClients(count, port, prefix = 'client') {
        const started = await Promise.all(Array.from({ length: count }, (_, i) => startClient({ name: `${prefix}-${i + 1}`, port, ticket })));
        clients.push(...started);
        return started;
      },
      async close() {
        await Promise.all(clients.map((c) => c.close()));
        await closeAll(bus, raw, database);
      },
    };
  } catch (err) {
    await Promise.all(clients.map((c) => c.close()));
    await closeAll(bus, raw, database);
    throw err;
  }
}

/** Error-level log lines (pino level >= 50) and anything not JSON (a crash's stack), the last few. */
function lastErrors(output: string): string {
  const lines = output.split('\n').filter((line) => {
    if (line.trim() === '') return false;
    try {
      return ((JSON.parse(line) as { level?: number }).level ?? 50) >= 50;
    } catch (err) {
      void err; // not a log line: keep it
      return true;
    }
  });
  return lines.slice(-8).map((l) => `    ${l.slice(0, 300)}`).join('\n') || '    (none)';
}

async function closeAll(bus: Bus, raw: Bus, database: TestDatabase): Promise<void> {
  await killAll();
  await bus.close();
  await raw.close();
  await database.drop();
}

async function post(port: number, path: string, bearer?: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = {};
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(5_000) });
  if (res.status !== 200) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}
