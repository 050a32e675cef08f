// The stack in ONE process on the in-memory bus, for a machine with no Redis (or `--memory`): one
// memory "server" (packages/bus) shared by the ingest, query, fanout and simulator as one Redis
// is shared by their processes, each composed from its app's `./compose` export with a bus of its
// own on that server; the dashboard's built handler on an HTTP server of this process. PostgreSQL
// stays a server (main.ts). Nothing of the bus outlives the process: history is in PostgreSQL.
import { connectMemoryBus, createMemoryServer, type Bus } from '@tickstock/bus';
import { createDb, type Db } from '@tickstock/db';
import { loadFanoutConfig, startFanout } from '@tickstock/fanout/compose';
import { loadIngestConfig, startIngest } from '@tickstock/ingest/compose';
import { createLogger, type Logger } from '@tickstock/observability';
import { loadQueryConfig, startQuery } from '@tickstock/query/compose';
import { createSimulator } from '@tickstock/simulator';
import { serviceSettings, type StackContext } from './context';
import { ensureDashboardBuild, startDashboardInProcess } from './dashboard';
import { prefixedOutput } from './output';
import { httpOk, waitUntil } from './wait';

export async function startInProcessStack(ctx: StackContext): Promise<void> {
  const { root, options } = ctx;
  const { ports } = options;
  const settings = serviceSettings(ctx);
  const server = createMemoryServer();
  const log = (name: string) => createLogger({ name, level: ctx.env.LOG_LEVEL || 'warn', destination: prefixedOutput(name) });
  // Each service gets a bus of its own on the shared server, with its configured key prefix, and
  // (where it uses one) a database pool of its own; both are registered before the service, so
  // they close after it has stopped (stop steps run in reverse).
  const busFor = (prefix: string, logger: Logger): Bus => {
    const bus = connectMemoryBus(server, { prefix, onError: (err) => logger.warn({ err }, 'memory bus: a subscriber threw') });
    ctx.onStop(() => bus.close());
    return bus;
  };
  const dbFor = (name: string, logger: Logger, maxConnections?: number): Db => {
    const db = createDb(ctx.databaseUrl, {
      applicationName: name,
      ...(maxConnections ? { maxConnections } : {}),
      onPoolError: (err) => logger.warn({ err: err.message }, 'idle database connection failed; the pool replaces it'),
    });
    ctx.onStop(() => db.destroy());
    return db;
  };

  const ingestLog = log('ingest');
  const ingestConfig = loadIngestConfig({ ...ctx.env, ...settings.ingest });
  const ingestDb = dbFor('ingest', ingestLog);
  const ingestBus = busFor(ingestConfig.REDIS_KEY_PREFIX, ingestLog);
  const ingest = await startIngest({ config: ingestConfig, bus: ingestBus, db: ingestDb, log: ingestLog, host: '127.0.0.1', storeWriter: 'in-process' });
  ctx.onStop(() => ingest.stop());
  await waitUntil('ingest', () => httpOk(`http://127.0.0.1:${ports.ingest}/readyz`));

  const queryLog = log('query');
  const queryConfig = loadQueryConfig({ ...ctx.env, ...settings.query });
  const queryDb = dbFor('query', queryLog, queryConfig.DB_POOL_MAX);
  const queryBus = busFor(queryConfig.REDIS_KEY_PREFIX, queryLog);
  const query = await startQuery({ config: queryConfig, bus: queryBus, db: queryDb, log: queryLog });
  ctx.onStop(() => query.stop());
  await waitUntil('query', () => httpOk(`http://127.0.0.1:${ports.query}/readyz`));

  const fanoutLog = log('fanout');
  const fanoutConfig = loadFanoutConfig({ ...ctx.env, ...settings.fanout });
  const fanout = await startFanout({ config: fanoutConfig, bus: busFor(fanoutConfig.REDIS_KEY_PREFIX, fanoutLog), log: fanoutLog });
  ctx.onStop(() => fanout.stop());
  await waitUntil('fanout', () => httpOk(`http://127.0.0.1:${ports.fanout}/readyz`));

  await ensureDashboardBuild(root, options.rebuild);
  const dashboard = await startDashboardInProcess(root, settings.dashboard);
  ctx.onStop(() => dashboard.stop());
  await waitUntil('dashboard', async () => (await fetch(`http://127.0.0.1:${ports.dashboard}/login`, { signal: AbortSignal.timeout(2_000) })).status === 200);

  if (options.simulator) {
    const simLog = log('simulator');
    // No key prefix: the simulator writes TickStockPL's own key names (its heartbeat), as on Redis.
    const simulator = createSimulator({
      bus: busFor('', simLog),
      scenario: { name: 'load', rate: options.simulatorRate, symbols: 40, durationS: 86_400 },
      format: 'mixed',
      onError: (err) => simLog.warn({ err }, 'publish failed'),
    });
    await simulator.start();
    ctx.onStop(async () => void (await simulator.stop()));
  }
}
