// What both ways of running the stack share: where things are, the secrets and the database, the
// settings each service gets, and how to register a stop step or give up.
import type { AdminLogin } from './secrets';
import type { StackOptions } from './options';

export type StackContext = {
  root: string;
  options: StackOptions;
  /** The environment `npm start` was given (the services get it too, with the stack's settings over it). */
  env: NodeJS.ProcessEnv;
  databaseUrl: string;
  jwtSecret: string;
  admin: AdminLogin;
  /** Registers a stop step; they run in reverse order of registration on Ctrl-C or a failure. */
  onStop(step: () => Promise<void>): void;
  /** The stack cannot go on (a service died for good): stops everything, exit code 1. */
  fail(message: string): void;
  /** True from the first Ctrl-C (or failure) on. */
  isStopping(): boolean;
};

export const dashboardOrigin = (ctx: StackContext) => `http://localhost:${ctx.options.ports.dashboard}`;

/** Each service's settings on top of the environment, the same in both modes (CONTRACT.md names). */
export function serviceSettings(ctx: StackContext) {
  const { ports } = ctx.options;
  const common = {
    DATABASE_URL: ctx.databaseUrl,
    JWT_SECRET: ctx.jwtSecret,
    LOG_LEVEL: ctx.env.LOG_LEVEL || 'warn',
    // A local stop need not spread its few sockets' closes over the deployment's 20 s.
    FANOUT_DRAIN_MS: ctx.env.FANOUT_DRAIN_MS || '2000',
  };
  return {
    ingest: { ...common, INGEST_PORT: String(ports.ingest) },
    query: {
      ...common,
      QUERY_PORT: String(ports.query),
      DASHBOARD_ORIGIN: dashboardOrigin(ctx),
      ADMIN_USERNAME: ctx.admin.username,
      ADMIN_PASSWORD: ctx.admin.password,
    },
    fanout: { ...common, FANOUT_PORT: String(ports.fanout), FANOUT_HOST: '127.0.0.1' },
    dashboard: {
      port: ports.dashboard,
      origin: dashboardOrigin(ctx),
      queryUrl: `http://127.0.0.1:${ports.query}`,
      fanoutPublicUrl: `ws://localhost:${ports.fanout}/ws`,
    },
  };
}
