// `npm start`: the whole system on one machine, on embedded defaults. Redis from REDIS_URL or a
// redis-server on PATH; PostgreSQL from DATABASE_URL or the machine's server binaries with data
// under ./.data; then ingest, query, fanout, the dashboard and (unless --no-simulator) the
// simulator. Prints the URLs and the login; Ctrl-C stops everything in reverse order.
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild, stopChild, type Child } from './children';
import { startStackPostgres } from './postgres-server';
import { startStackRedis } from './redis-server';
import { adminLogin, jwtSecret } from './secrets';
import { httpOk, waitUntil } from './wait';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const args = new Set(process.argv.slice(2));
const env = (name: string, fallback: string) => process.env[name] ?? fallback;

const ports = {
  redis: Number(env('STACK_REDIS_PORT', '6380')),
  postgres: Number(env('STACK_POSTGRES_PORT', '5433')),
  ingest: Number(env('INGEST_PORT', '8081')),
  query: Number(env('QUERY_PORT', '8080')),
  fanout: Number(env('FANOUT_PORT', '8090')),
  dashboard: Number(env('DASHBOARD_PORT', '3000')),
};

async function main(): Promise<void> {
  if (args.has('--help') || args.has('-h')) {
    process.stdout.write('npm start [-- --no-simulator] [-- --rebuild]   (env: REDIS_URL, DATABASE_URL, ADMIN_USERNAME, ADMIN_PASSWORD, JWT_SECRET, *_PORT)\n');
    return;
  }
  const dataRoot = process.env.STACK_DATA_DIR ?? join(root, '.data');
  // 0711: the OS user `postgres` must pass through to its own data dir; secrets inside are 0600.
  mkdirSync(dataRoot, { recursive: true, mode: 0o711 });
  chmodSync(dataRoot, 0o711);
  const stoppers: (() => Promise<void>)[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nstopping…\n');
    for (const stop of stoppers.reverse()) await stop().catch((err: unknown) => process.stderr.write(`${String(err)}\n`));
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const redis = await startStackRedis(ports.redis);
    stoppers.push(() => redis.stop());
    const postgres = await startStackPostgres(dataRoot, ports.postgres);
    stoppers.push(() => postgres.stop());
    const admin = adminLogin(dataRoot);
    const common = { ...process.env, REDIS_URL: redis.url, DATABASE_URL: postgres.url, JWT_SECRET: jwtSecret(dataRoot), LOG_LEVEL: env('LOG_LEVEL', 'warn') };
    const dashboardOrigin = `http://localhost:${ports.dashboard}`;

    const service = (name: string, cwd: string, extra: Record<string, string>): Child => {
      const child = startChild(name, process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: join(root, cwd), env: { ...common, ...extra } });
      stoppers.push(() => stopChild(child));
      void child.exited.then((code) => {
        if (!stopping) {
          process.stderr.write(`${name} exited (${code}); stopping the stack\n`);
          void stopAll(1);
        }
      });
      return child;
    };

    service('ingest', 'apps/ingest', { INGEST_PORT: String(ports.ingest) });
    await waitUntil('ingest', () => httpOk(`http://127.0.0.1:${ports.ingest}/readyz`));
    service('query', 'apps/query', {
      QUERY_PORT: String(ports.query),
      DASHBOARD_ORIGIN: dashboardOrigin,
      ADMIN_USERNAME: admin.username,
      ADMIN_PASSWORD: admin.password,
    });
    await waitUntil('query', () => httpOk(`http://127.0.0.1:${ports.query}/readyz`));
    if (admin.firstRun) admin.markCreated();
    service('fanout', 'apps/fanout', { FANOUT_PORT: String(ports.fanout), FANOUT_HOST: '127.0.0.1' });
    await waitUntil('fanout', () => httpOk(`http://127.0.0.1:${ports.fanout}/readyz`));

    await startDashboard(common, dashboardOrigin, stoppers, () => stopping, stopAll);

    if (!args.has('--no-simulator')) {
      const sim = startChild(
        'simulator',
        process.execPath,
        ['--import', 'tsx', 'src/main.ts', 'run', 'load', '--rate', env('STACK_SIMULATOR_RATE', '20'), '--symbols', '40', '--duration', '86400', '--format', 'mixed', '--redis-url', redis.url],
        { cwd: join(root, 'tools/simulator'), env: { ...process.env }, quiet: true },
      );
      stoppers.push(() => stopChild(sim, 'SIGINT', 5_000));
    }

    const login = admin.firstRun && admin.generated ? `${admin.username} / ${admin.password}   (generated: shown this once; set ADMIN_PASSWORD to choose it)` : `${admin.username} / ${admin.generated ? '(the password printed on the first start)' : '(ADMIN_PASSWORD)'}`;
    process.stdout.write(
      [
        '',
        'TickStock streaming is up:',
        `  dashboard  ${dashboardOrigin}/streaming`,
        `  login      ${login}`,
        `  REST API   http://127.0.0.1:${ports.query}/docs`,
        `  WebSocket  ws://localhost:${ports.fanout}/ws`,
        `  ingest     http://127.0.0.1:${ports.ingest}/metrics`,
        `  data       ${args.has('--no-simulator') ? 'waiting for TickStockPL on ' + redis.url : 'simulator publishing on ' + redis.url}`,
        'Ctrl-C stops everything.',
        '',
      ].join('\n'),
    );
  } catch (err) {
    process.stderr.write(`npm start failed: ${err instanceof Error ? err.message : String(err)}\n`);
    await stopAll(1);
  }
}

async function startDashboard(
  common: NodeJS.ProcessEnv,
  origin: string,
  stoppers: (() => Promise<void>)[],
  isStopping: () => boolean,
  stopAll: (code: number) => Promise<void>,
): Promise<void> {
  const dir = join(root, 'apps/dashboard');
  if (args.has('--rebuild') || !existsSync(join(dir, 'build', 'index.js'))) {
    const build = startChild('build', 'npm', ['run', 'build', '-w', '@tickstock/dashboard'], { cwd: root, quiet: true });
    if ((await build.exited) !== 0) throw new Error('the dashboard build failed: run `npm run build -w @tickstock/dashboard` to see why');
  }
  const child = startChild('dashboard', process.execPath, ['build'], {
    cwd: dir,
    env: {
      ...common,
      PORT: String(ports.dashboard),
      HOST: '127.0.0.1',
      ORIGIN: origin,
      DASHBOARD_ORIGIN: origin,
      QUERY_URL: `http://127.0.0.1:${ports.query}`,
      FANOUT_PUBLIC_URL: `ws://localhost:${ports.fanout}/ws`,
    },
  });
  stoppers.push(() => stopChild(child));
  void child.exited.then((code) => {
    if (!isStopping()) {
      process.stderr.write(`dashboard exited (${code}); stopping the stack\n`);
      void stopAll(1);
    }
  });
  await waitUntil('dashboard', async () => (await fetch(`http://127.0.0.1:${ports.dashboard}/login`, { signal: AbortSignal.timeout(2_000) })).status === 200);
}

void main();
