// The query service as a separate process (apps/query/src/main.ts under tsx, as `npm start` runs
// it): the load generator must not share its event loop, and a tool may not import an app.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { waitFor } from '@tickstock/testing';

const QUERY_APP = fileURLToPath(new URL('../../../../apps/query', import.meta.url));

export type RunningService = { base: string; token: string; child: ChildProcess; stop(): Promise<void> };

export async function startQueryService(opts: {
  databaseUrl: string;
  redisUrl: string;
  port: number;
  env?: Record<string, string>;
  /** Extra node flags, e.g. `--cpu-prof` to see where the service spends its time. */
  nodeArgs?: string[];
}): Promise<RunningService> {
  // A fresh admin each run: the service never resets the password of an existing user, and a
  // reused database keeps the last run's.
  const username = `bench-${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', 'src/main.ts'], {
    cwd: QUERY_APP,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      DATABASE_URL: opts.databaseUrl,
      REDIS_URL: opts.redisUrl,
      REDIS_KEY_PREFIX: 'bench:',
      JWT_SECRET: randomBytes(32).toString('base64url'),
      QUERY_PORT: String(opts.port),
      ADMIN_USERNAME: username,
      ADMIN_PASSWORD: password,
      // Logging stays on as in production (one line per request); the lines go to /dev/null.
      LOG_LEVEL: 'info',
      ...opts.env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${opts.port}`;
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`query service exited: ${stderr}`);
        return (await fetch(`${base}/readyz`)).status === 200;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: 'the query service to be ready' },
    );
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  const login = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`login to the query service failed: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  return {
    base,
    token,
    child,
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
