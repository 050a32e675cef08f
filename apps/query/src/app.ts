// The query service as a Fastify instance, built from the dependencies it is handed: no env, no
// connections, no timers at import or build (HOUSE-STYLE.md, "A service's shape").
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Bus } from '@tickstock/bus';
import type { Repositories } from '@tickstock/db';
import type { Health, Logger, Registry } from '@tickstock/observability';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { createFailureThrottle } from './auth/failure-throttle';
import { createLoginService } from './auth/login-service';
import { createDummyHash, DEFAULT_SCRYPT, type ScryptParams } from './auth/password';
import type { AppConfig } from './config';
import { rateLimited } from './errors/app-error';
import { errorHandlerPlugin, frameworkErrors } from './errors/error-handler';
import { authPlugin } from './plugins/auth';
import { openapiPlugin } from './plugins/openapi';
import { requestMetricsPlugin } from './plugins/request-metrics';
import { securityPlugin } from './plugins/security';
import { authRoutes } from './routes/auth.routes';
import { opsRoutes } from './routes/ops.routes';
import { streamingRoutes } from './routes/streaming';
import { createStatusService } from './status/status-service';
import { createSummaryCache } from './summary/summary-cache';

export type QueryDeps = {
  config: AppConfig;
  repos: Pick<Repositories, 'patterns' | 'indicators' | 'alerts' | 'summary' | 'sessions' | 'health' | 'users'>;
  bus: Pick<Bus, 'get' | 'getRaw' | 'hgetall'>;
  log: Logger;
  registry: Registry;
  /** Readiness: main adds the database and Redis checks, and marks draining on shutdown. */
  health: Health;
  now?: () => number;
  /** Cost of the dummy hash unknown users are checked against; tests lower it. */
  scrypt?: ScryptParams;
};

export type QueryApp = FastifyInstance;

// Callers may pass their own request id (a proxy's, a test's); anything unusual is replaced, so
// a header cannot inject text into the logs.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

export async function buildApp(deps: QueryDeps): Promise<QueryApp> {
  const { config, repos, log } = deps;
  const now = deps.now ?? Date.now;
  const logger: FastifyBaseLogger = log;
  const app = Fastify({
    loggerInstance: logger,
    // One line per request (plugins/request-metrics.ts) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'reqId' }),
    genReqId: requestId,
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 16 * 1024,
    // Long enough that an over-long symbol reaches validation (a 400 naming it), not a 404.
    routerOptions: { maxParamLength: 512 },
    frameworkErrors,
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(errorHandlerPlugin);
  await app.register(requestMetricsPlugin, { registry: deps.registry });
  await app.register(securityPlugin, { dashboardOrigin: config.DASHBOARD_ORIGIN });
  await app.register(rateLimit, {
    global: false,
    // Thrown, so the error handler gives it the contract's shape; Retry-After is set by the plugin.
    errorResponseBuilder: (_request, context) => rateLimited(`too many requests from this client; retry in ${context.after}`),
  });
  await app.register(authPlugin, { secret: config.JWT_SECRET, loginTtlSeconds: config.JWT_EXPIRES_IN_SECONDS, now });
  await app.register(openapiPlugin);

  const policy = { maxAttempts: config.LOGIN_MAX_FAILED_ATTEMPTS, lockMs: config.LOGIN_LOCKOUT_SECONDS * 1000 };
  const login = createLoginService({
    users: repos.users,
    policy,
    unknownNames: createFailureThrottle(policy),
    dummyHash: createDummyHash(deps.scrypt ?? DEFAULT_SCRYPT),
    now,
  });
  const summary = createSummaryCache((hours) => repos.summary.summary({ hours }), {
    maxAgeMs: config.SUMMARY_CACHE_MS,
    now,
    onRefreshError: (err, hours) => log.warn({ err, hours }, 'summary refresh failed; serving the previous one'),
  });
  const status = createStatusService({ bus: deps.bus, sessions: repos.sessions, health: repos.health, log, now });

  await app.register(authRoutes, { login, loginRatePerMinute: config.LOGIN_RATE_LIMIT_PER_MINUTE });
  await app.register(streamingRoutes, { prefix: '/streaming/api', repos, status, summary });
  await app.register(opsRoutes, { health: deps.health, registry: deps.registry, metricsToken: config.METRICS_TOKEN });
  return app;
}
