// A real PostgreSQL for integration tests, from the cheapest source that works here:
// DATABASE_URL (a service someone runs) → a testcontainers `timescale/timescaledb` (Docker) →
// the machine's own server binaries (no Docker on these machines, see STACK.md).
// One server per test process, shared by its test files; each file gets its own database,
// cloned from a template the db package's migrator built once per server.
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { freePort } from './ports';
import { startContainerPostgres } from './postgres-container';
import { createDatabaseFromTemplate, dropDatabase, ensureTemplateDatabase } from './postgres-db';
import { createLocalPostgresServer, findPostgresBinDir, type LocalPostgresServer } from './postgres-local';

export type PostgresSource = 'env' | 'container' | 'local';

export type TestPostgres = {
  /** URL of the server's maintenance database (create your own with createTestDatabase). */
  readonly url: string;
  readonly source: PostgresSource;
  /** Releases this handle; the server stops when its last user releases it (a no-op for DATABASE_URL). */
  stop(): Promise<void>;
  /**
   * Outage controls, present when this process owns the server (container or local): the server
   * goes down, and comes back on the same URL with its data. On the shared server they take every
   * test file of the process down with it — outage tests ask for `{ dedicated: true }`.
   */
  stopServer?(): Promise<void>;
  startServer?(): Promise<void>;
  restart?(): Promise<void>;
  /** Immediate shutdown (local only): a crash rather than a clean stop. */
  kill?(): Promise<void>;
};

export const TEMPLATE_DATABASE = 'tickstock_template';
const RUNTIME_MISSING = 'Could not find a working container runtime strategy';

let shared: { server: Promise<TestPostgres>; users: number } | undefined;

/**
 * The process's shared server (DATABASE_URL when set), or with `dedicated` a new server of its
 * own that this caller may stop and start (DATABASE_URL is then ignored: it cannot be stopped).
 */
export async function startPostgres(opts: { dedicated?: boolean } = {}): Promise<TestPostgres> {
  if (opts.dedicated) return launch();
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return { url: fromEnv, source: 'env', stop: () => Promise.resolve() };

  if (!shared) {
    const server = launch();
    shared = { server, users: 0 };
    server.catch(() => (shared = undefined)); // a failed start is retried by the next caller
  }
  const entry = shared;
  entry.users++;
  const server = await entry.server;
  let released = false;
  return {
    ...server,
    stop: async () => {
      if (released) return;
      released = true;
      if (--entry.users > 0) return;
      if (shared === entry) shared = undefined;
      await server.stop();
    },
  };
}

async function launch(): Promise<TestPostgres> {
  let containerFailure: string | undefined;
  try {
    const c = await startContainerPostgres();
    return { url: c.url, source: 'container', stop: () => c.dispose(), ...outageControls(() => c.stopServer(), () => c.startServer()) };
  } catch (err) {
    // No runtime is the normal case here; any other container failure (no image offline, ...) is
    // kept for the message below, and we still fall back to local binaries.
    const message = err instanceof Error ? err.message : String(err);
    if (!message.includes(RUNTIME_MISSING)) containerFailure = message;
  }

  const binDir = findPostgresBinDir();
  if (!binDir) {
    const why = containerFailure ? ` (the container failed: ${containerFailure})` : '';
    throw new Error(
      `No PostgreSQL for tests: set DATABASE_URL, or run Docker, or install the server binaries (apt-get install postgresql)${why}`,
    );
  }
  const server = await startLocalServer(binDir);
  return {
    url: server.url,
    source: 'local',
    stop: () => server.dispose(),
    ...outageControls(() => server.stop(), () => server.start()),
    kill: () => server.kill(),
  };
}

function outageControls(stopServer: () => Promise<void>, startServer: () => Promise<void>) {
  return {
    stopServer,
    startServer,
    restart: async () => {
      await stopServer();
      await startServer();
    },
  };
}

// freePort() can race with another process taking the port before postgres binds it: try again.
async function startLocalServer(binDir: string): Promise<LocalPostgresServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const server = await createLocalPostgresServer(binDir, await freePort());
    try {
      await server.start();
      return server;
    } catch (err) {
      lastError = err;
      await server.dispose();
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

// Per server URL and process: the template is checked (and migrated) once, under a server-wide
// advisory lock in the db package, so parallel test processes build it once between them.
const templates = new Map<string, Promise<void>>();

export function prepareTemplate(serverUrl: string): Promise<void> {
  let ready = templates.get(serverUrl);
  if (!ready) {
    ready = ensureTemplateDatabase(serverUrl, TEMPLATE_DATABASE);
    ready.catch(() => templates.delete(serverUrl));
    templates.set(serverUrl, ready);
  }
  return ready;
}

export type TestDatabase = {
  readonly url: string;
  readonly name: string;
  readonly server: TestPostgres;
  /** Drops the database (ending its sessions) and releases the server. */
  drop(): Promise<void>;
};

/**
 * A migrated database of this test file's own: `CREATE DATABASE ... TEMPLATE tickstock_template`.
 * `name` (e.g. `import.meta.url` or a file name) only makes it recognisable in pg_stat_activity.
 */
export async function createTestDatabase(name = 'db', opts: { server?: TestPostgres } = {}): Promise<TestDatabase> {
  const server = opts.server ?? (await startPostgres());
  try {
    await prepareTemplate(server.url);
    const dbName = uniqueDatabaseName(name);
    const url = await createDatabaseFromTemplate(server.url, dbName, TEMPLATE_DATABASE);
    return {
      url,
      name: dbName,
      server,
      drop: async () => {
        await dropDatabase(server.url, dbName);
        if (!opts.server) await server.stop();
      },
    };
  } catch (err) {
    if (!opts.server) await server.stop();
    throw err;
  }
}

/** `t_<file>_<pid>_<random>`: lower-case, at most 63 bytes (PostgreSQL's identifier limit). */
export function uniqueDatabaseName(name: string): string {
  const clean = basename(name)
    .replace(/\.(test|spec)\.[cm]?[jt]s$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .slice(0, 32);
  return `t_${clean}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/**
 * A vitest globalSetup: one server for the whole run, handed to every worker as DATABASE_URL,
 * with the template built before the workers start. Use it as `export default postgresGlobalSetup`.
 */
export async function postgresGlobalSetup(): Promise<() => Promise<void>> {
  const server = await startPostgres();
  process.env.DATABASE_URL = server.url;
  await prepareTemplate(server.url);
  return async () => {
    if (server.source !== 'env') delete process.env.DATABASE_URL;
    await server.stop();
  };
}
