// `npm start`'s arguments and settings, read once (main.ts passes argv and env in).
export const USAGE = `npm start [-- options]

  --no-simulator   no simulator: a real TickStockPL publishes on the same Redis
  --memory         every service in this one process on the in-memory bus, even where Redis is
                   available (also STACK_REDIS=memory); the default only without REDIS_URL and
                   without redis-server on PATH
  --rebuild        build the dashboard again first
  -h, --help       this text

  env: REDIS_URL, DATABASE_URL, ADMIN_USERNAME, ADMIN_PASSWORD, JWT_SECRET, LOG_LEVEL,
       INGEST_PORT, QUERY_PORT, FANOUT_PORT, DASHBOARD_PORT, STACK_REDIS_PORT, STACK_POSTGRES_PORT,
       STACK_DATA_DIR (./.data), STACK_POSTGRES=system|embedded, STACK_SIMULATOR_RATE (events/s, 20)`;

export type Ports = { redis: number; postgres: number; ingest: number; query: number; fanout: number; dashboard: number };

export type StackOptions = {
  help: boolean;
  simulator: boolean;
  rebuild: boolean;
  /** Forced by --memory or STACK_REDIS=memory; otherwise main.ts decides by what the machine has. */
  memory: boolean;
  /** Which PostgreSQL when DATABASE_URL is unset: the machine's server binaries first, else the npm-installed embedded one. */
  postgres: 'auto' | 'system' | 'embedded';
  ports: Ports;
  dataRoot: string;
  simulatorRate: number;
};

export class UsageError extends Error {}

const FLAGS = new Set(['--no-simulator', '--memory', '--rebuild', '--help', '-h']);

export function parseOptions(argv: readonly string[], env: Record<string, string | undefined>, defaultDataRoot: string): StackOptions {
  const unknown = argv.filter((a) => !FLAGS.has(a));
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown.join(' ')}`);
  const args = new Set(argv);
  const number = (name: string, fallback: number, [min, max] = [0, 65535]) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    return n;
  };
  const postgres = env.STACK_POSTGRES ?? 'auto';
  if (postgres !== 'auto' && postgres !== 'system' && postgres !== 'embedded') {
    throw new UsageError(`STACK_POSTGRES must be system or embedded (got "${postgres}")`);
  }
  const redis = env.STACK_REDIS;
  if (redis !== undefined && redis !== '' && redis !== 'memory') throw new UsageError(`STACK_REDIS must be memory or unset (got "${redis}")`);
  return {
    help: args.has('--help') || args.has('-h'),
    simulator: !args.has('--no-simulator'),
    rebuild: args.has('--rebuild'),
    memory: args.has('--memory') || redis === 'memory',
    postgres,
    ports: {
      redis: number('STACK_REDIS_PORT', 6380),
      postgres: number('STACK_POSTGRES_PORT', 5433),
      ingest: number('INGEST_PORT', 8081),
      query: number('QUERY_PORT', 8080),
      fanout: number('FANOUT_PORT', 8090),
      dashboard: number('DASHBOARD_PORT', 3000),
    },
    dataRoot: env.STACK_DATA_DIR || defaultDataRoot,
    simulatorRate: number('STACK_SIMULATOR_RATE', 20, [1, 100_000]),
  };
}
