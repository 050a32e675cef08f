// The query service's settings (CONTRACT.md, "Processes, ports, settings"), validated at start.
import { Type, type Static } from 'typebox';
import { DatabaseSettings, JwtSettings, LogSettings, PortSettings, RedisSettings } from '@tickstock/config';

export const QueryConfigSchema = Type.Object({
  ...RedisSettings,
  ...DatabaseSettings,
  ...JwtSettings,
  ...LogSettings,
  QUERY_PORT: PortSettings.QUERY_PORT,
  /** Loopback by default: a deployment says where it listens (0.0.0.0 in a container). */
  QUERY_HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  /** The only origin browsers may call from (CORS). */
  DASHBOARD_ORIGIN: Type.String({ pattern: '^https?://[^/]+$', default: 'http://localhost:3000' }),
  ADMIN_USERNAME: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 12, maxLength: 256 })),
  /** Lifetime of a login token (issue 4: 1 h by default). */
  JWT_EXPIRES_IN_SECONDS: Type.Integer({ minimum: 60, maximum: 86_400, default: 3600 }),
  /** Login attempts per client address per minute (@fastify/rate-limit). */
  LOGIN_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 10_000, default: 10 }),
  /** Failed logins in a row that lock an account, and for how long. */
  LOGIN_MAX_FAILED_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
  LOGIN_LOCKOUT_SECONDS: Type.Integer({ minimum: 1, maximum: 86_400, default: 900 }),
  /** How stale a summary may be (ms); 0 computes every request afresh. See summary/summary-cache.ts. */
  SUMMARY_CACHE_MS: Type.Integer({ minimum: 0, maximum: 300_000, default: 5_000 }),
  DB_POOL_MAX: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  /** When set, /metrics answers only to `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  /** Trust X-Forwarded-For from a proxy in front (the rate limit then keys on the real client). */
  TRUST_PROXY: Type.Boolean({ default: false }),
});

export type QueryConfig = Static<typeof QueryConfigSchema>;

/** What buildApp reads: the settings minus connection strings (those are main.ts's business). */
export type AppConfig = Pick<
  QueryConfig,
  | 'JWT_SECRET'
  | 'JWT_EXPIRES_IN_SECONDS'
  | 'DASHBOARD_ORIGIN'
  | 'LOGIN_RATE_LIMIT_PER_MINUTE'
  | 'LOGIN_MAX_FAILED_ATTEMPTS'
  | 'LOGIN_LOCKOUT_SECONDS'
  | 'SUMMARY_CACHE_MS'
  | 'METRICS_TOKEN'
  | 'TRUST_PROXY'
>;
