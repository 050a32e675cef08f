// A real Redis for integration tests, from the cheapest source that works here:
// REDIS_URL (a service someone runs) → a testcontainers `redis:7` (Docker) → a local
// `redis-server` from PATH (no Docker on these machines, see STACK.md).
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { freePort } from './ports';
import { startContainerRedis } from './redis-container';
import { createLocalRedisServer, findRedisServer } from './redis-local';

export type RedisSource = 'env' | 'container' | 'local';

export type TestRedis = {
  readonly url: string;
  readonly source: RedisSource;
  /** Ends what startRedis started (a no-op for REDIS_URL). */
  stop: () => Promise<void>;
  /**
   * Outage controls, present when this process owns the server (container or local):
   * the server goes down and comes back on the same URL, empty (nothing is persisted) unless
   * it was started with `appendOnly`.
   */
  stopServer?: () => Promise<void>;
  startServer?: () => Promise<void>;
  restart?: () => Promise<void>;
  /** SIGKILL (local only): a crash rather than a clean shutdown. */
  kill?: () => Promise<void>;
};

const RUNTIME_MISSING = 'Could not find a working container runtime strategy';

export type StartRedisOptions = {
  /**
   * A server of this process's own with AOF persistence (`appendonly yes`, `appendfsync
   * everysec`, as infra/compose.yaml runs it): stopServer/startServer keep its data. REDIS_URL is
   * then ignored, as it cannot be stopped (like startPostgres({ dedicated: true })).
   */
  appendOnly?: boolean;
};

export async function startRedis(opts: StartRedisOptions = {}): Promise<TestRedis> {
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv && !opts.appendOnly) return { url: fromEnv, source: 'env', stop: () => Promise.resolve() };

  let containerFailure: string | undefined;
  try {
    const c = await startContainerRedis({ appendOnly: opts.appendOnly });
    return {
      url: c.url,
      source: 'container',
      stop: () => c.dispose(),
      stopServer: () => c.stopServer(),
      startServer: () => c.startServer(),
      restart: async () => {
        await c.stopServer();
        await c.startServer();
      },
    };
  } catch (err) {
    // No runtime is the normal case here; any other container failure is kept for the message
    // below, and we still fall back, since a local server serves these tests just as well.
    const message = err instanceof Error ? err.message : String(err);
    if (!message.includes(RUNTIME_MISSING)) containerFailure = message;
  }

  const binary = findRedisServer();
  if (!binary) {
    const why = containerFailure ? ` (the container failed: ${containerFailure})` : '';
    throw new Error(
      `No Redis for tests: set REDIS_URL, or run Docker, or install redis-server (apt-get install -y redis-server)${why}`,
    );
  }
  const server = await startLocalServer(binary, opts.appendOnly ?? false);
  return {
    url: `redis://127.0.0.1:${server.port}`,
    source: 'local',
    stop: () => server.dispose(),
    stopServer: () => server.stop(),
    startServer: () => server.start(),
    restart: async () => {
      await server.stop();
      await server.start();
    },
    kill: () => server.kill(),
  };
}

// freePort() can race with another process taking the port before redis binds it: try again.
async function startLocalServer(binary: string, appendOnly: boolean) {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const server = createLocalRedisServer(binary, await freePort(), { appendOnly });
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

/**
 * A key prefix of its own for each test file (and run), so files running in parallel against
 * one Redis never see each other's keys: `t:<name>:<pid>-<random>:`.
 */
export function uniquePrefix(name: string): string {
  const clean = basename(name).replace(/\.(test|spec)\.[cm]?[jt]s$/, '').replace(/[^A-Za-z0-9_-]/g, '_');
  return `t:${clean}:${process.pid}-${randomBytes(4).toString('hex')}:`;
}
