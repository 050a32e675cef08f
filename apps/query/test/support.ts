// What every integration test file needs: the app over a database and a Redis key prefix of the
// file's own, users to log in as, and event fixtures to seed.
import { Writable } from 'node:stream';
import { createRedisBus, type Bus } from '@tickstock/bus';
import { createDb, createRepositories, type Db, type Repositories } from '@tickstock/db';
import { createHealth, createLogger, createRegistry, type Health, type Registry } from '@tickstock/observability';
import { createTestDatabase, startRedis, uniquePrefix, type TestDatabase, type TestPostgres } from '@tickstock/testing';
import { buildApp, type QueryApp, type QueryDeps } from '../src/app';
import { hashPassword, type ScryptParams } from '../src/auth/password';
import type { AppConfig } from '../src/config';
import { addReadinessChecks } from '../src/readiness';

/** Cheap scrypt for test users: the format and checks are those of production. */
export const FAST_SCRYPT: ScryptParams = { N: 1024, r: 8, p: 1 };
export const SECRET = 'integration-test-secret-of-32-bytes-or-more';
export const PASSWORD = 'correct horse battery';

export const TEST_CONFIG: AppConfig = {
  JWT_SECRET: SECRET,
  JWT_EXPIRES_IN_SECONDS: 3600,
  DASHBOARD_ORIGIN: 'http://localhost:3000',
  LOGIN_RATE_LIMIT_PER_MINUTE: 1000,
  LOGIN_MAX_FAILED_ATTEMPTS: 5,
  LOGIN_LOCKOUT_SECONDS: 900,
  SUMMARY_CACHE_MS: 0,
  METRICS_TOKEN: undefined,
  TRUST_PROXY: false,
};

export type TestContext = {
  app: QueryApp;
  db: Db;
  repos: Repositories;
  bus: Bus;
  health: Health;
  registry: Registry;
  testDb: TestDatabase;
  /** Every log line the app wrote, as text (to check what is never logged). */
  logs: string[];
  /** A login token for the viewer `ann`. */
  token: string;
  auth: (token?: string) => { authorization: string };
  close(): Promise<void>;
};

export type ContextOptions = {
  config?: Partial<AppConfig>;
  deps?: Partial<QueryDeps>;
  /** A server of the file's own (startPostgres({ dedicated: true })) for outage tests. */
  server?: TestPostgres;
};

export async function openContext(file: string, opts: ContextOptions = {}): Promise<TestContext> {
  const testDb = await createTestDatabase(file, opts.server ? { server: opts.server } : {});
  const db = createDb(testDb.url, { applicationName: 'query-tests', onPoolError: () => undefined });
  const redis = await startRedis();
  const bus = createRedisBus({ url: redis.url, prefix: uniquePrefix(file), name: 'query-tests' });
  const repos = createRepositories(db);
  const logs: string[] = [];
  const log = createLogger({ name: 'query', level: 'debug', destination: lineCollector(logs) });
  const health = createHealth();
  addReadinessChecks(health, { db, bus });
  const registry = createRegistry('query', { defaultMetrics: false });
  const app = await buildApp({
    config: { ...TEST_CONFIG, ...opts.config },
    repos,
    bus,
    log,
    registry,
    health,
    scrypt: FAST_SCRYPT,
    ...opts.deps,
  });
  await addUser(repos, 'ann', 'viewer');
  await addUser(repos, 'root', 'admin');
  const token = await loginToken(app, 'ann');
  return {
    app,
    db,
    repos,
    bus,
    health,
    registry,
    testDb,
    logs,
    token,
    auth: (t = token) => ({ authorization: `Bearer ${t}` }),
    close: async () => {
      await app.close();
      await bus.close();
      await redis.stop();
      await db.destroy();
      await testDb.drop();
    },
  };
}

export async function addUser(repos: Repositories, username: string, role: 'viewer' | 'admin', password = PASSWORD): Promise<void> {
  await repos.users.createIfMissing({ username, password_hash: await hashPassword(password, FAST_SCRYPT), role });
}

export async function loginToken(app: QueryApp, username: string, password = PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login as ${username} failed: ${res.statusCode} ${res.body}`);
  return res.json<{ token: string }>().token;
}

function lineCollector(lines: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
}

// ── fixtures ──

export { ago, criticalAlert, indicator, indicatorAlert, pattern } from '@tickstock/testing';

// ── typed reading of responses (light-my-request's json() is `any` unless told) ──

type Json = { json: <T>() => T };
export type Row = { id: string } & Record<string, unknown>;

export const rowsOf = (res: Json) => res.json<Row[]>();
export const idsOf = (res: Json) => rowsOf(res).map((r) => r.id);
export const errorOf = (res: Json) => res.json<{ error: { code: string; message: string; details?: Record<string, unknown>[] } }>().error;
