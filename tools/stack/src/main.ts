// `npm start`: the whole system on one machine, on embedded defaults. PostgreSQL from DATABASE_URL,
// else a server of the stack's own with its data under ./.data (postgres-server.ts). Then, with a
// Redis (REDIS_URL, else redis-server from PATH), every service as its own process
// (processes.ts); with none, or with --memory, every service in this one process on the
// in-memory bus (in-process.ts). Migrates and creates the admin (the query service does both at
// its start), starts ingest, query, fanout, the dashboard and (unless --no-simulator) the
// simulator, prints the URLs and the login; Ctrl-C stops everything in reverse order.
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StackContext } from './context';
import { startInProcessStack } from './in-process';
import { parseOptions, USAGE, UsageError, type StackOptions } from './options';
import { say } from './output';
import { startStackPostgres } from './postgres-server';
import { startProcessStack } from './processes';
import { findRedisServer, startStackRedis } from './redis-server';
import { adminLogin, jwtSecret } from './secrets';

const root = fileURLToPath(new URL('../../..', import.meta.url));

async function main(): Promise<void> {
  let options: StackOptions;
  try {
    options = parseOptions(process.argv.slice(2), process.env, join(root, '.data'));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`npm start: ${err.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (options.help) return say(USAGE);

  // 0711: the OS user `postgres` must pass through to its own data dir; secrets inside are 0600.
  mkdirSync(options.dataRoot, { recursive: true, mode: 0o711 });
  chmodSync(options.dataRoot, 0o711);
  const stoppers: (() => Promise<void>)[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('\nstopping…');
    for (const stop of stoppers.reverse()) await stop().catch((err: unknown) => process.stderr.write(`${String(err)}\n`));
    say('stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  process.on('SIGHUP', () => void stopAll(0));

  try {
    const memory = options.memory || (!process.env.REDIS_URL && !findRedisServer());
    if (memory && !options.memory) say('No REDIS_URL and no redis-server on PATH: every service runs in this process on the in-memory bus.');
    const postgres = await startStackPostgres(options.dataRoot, options.ports.postgres, options.postgres);
    stoppers.push(() => postgres.stop());
    const ctx: StackContext = {
      root,
      options,
      env: process.env,
      databaseUrl: postgres.url,
      jwtSecret: jwtSecret(options.dataRoot),
      admin: adminLogin(options.dataRoot),
      onStop: (step) => void stoppers.push(step),
      fail: (message) => {
        if (stopping) return;
        process.stderr.write(`${message}; stopping the stack\n`);
        void stopAll(1);
      },
      isStopping: () => stopping,
    };

    let bus: string;
    if (memory) {
      await startInProcessStack(ctx);
      bus = 'one process, the in-memory bus (no Redis; live data lasts as long as this process, history is in PostgreSQL)';
    } else {
      const redis = await startStackRedis(options.ports.redis);
      stoppers.push(() => redis.stop());
      await startProcessStack(ctx, redis.url);
      bus = `a process per service, Redis at ${redis.url}`;
    }
    // The query service created the admin user at its start (ensure-admin.ts) if it was missing.
    const { admin } = ctx;
    if (admin.firstRun) admin.markCreated();

    const login =
      admin.firstRun && admin.generated
        ? `${admin.username} / ${admin.password}   (generated: shown this once; set ADMIN_PASSWORD to choose it)`
        : `${admin.username} / ${admin.generated ? '(the password printed on the first start)' : '(ADMIN_PASSWORD)'}`;
    const { ports } = options;
    say(
      [
        '',
        'TickStock streaming is up:',
        `  dashboard  http://localhost:${ports.dashboard}/streaming`,
        `  login      ${login}`,
        `  REST API   http://127.0.0.1:${ports.query}/docs`,
        `  WebSocket  ws://localhost:${ports.fanout}/ws`,
        `  ingest     http://127.0.0.1:${ports.ingest}/metrics`,
        `  running    ${bus}`,
        `  database   ${postgres.description}`,
        `  data       ${!options.simulator ? (memory ? 'none: --no-simulator without Redis leaves nothing for TickStockPL to publish on' : 'waiting for TickStockPL on the Redis above') : `the simulator, ${options.simulatorRate} events/s`}`,
        'Ctrl-C stops everything.',
        '',
      ].join('\n'),
    );
  } catch (err) {
    process.stderr.write(`npm start failed: ${err instanceof Error ? err.message : String(err)}\n`);
    await stopAll(1);
  }
}

void main();
