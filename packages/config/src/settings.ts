// Settings shared by the services (CONTRACT.md, "Processes, ports, settings"). Each app composes
// the ones it reads into its own schema with `Type.Object({...RedisSettings, ...})`.
import { Type } from 'typebox';

const Port = (port: number) => Type.Integer({ minimum: 1, maximum: 65535, default: port });

export const LogLevel = Type.Union(
  ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
  { default: 'info' },
);

export const RedisSettings = {
  REDIS_URL: Type.String({ pattern: '^rediss?://', default: 'redis://127.0.0.1:6379' }),
  /** Every key this deployment writes starts with it, so two deployments can share a Redis. */
  REDIS_KEY_PREFIX: Type.String({ default: 'tsx:' }),
};

export const DatabaseSettings = {
  DATABASE_URL: Type.String({ pattern: '^postgres(ql)?://' }),
  INTRADAY_RETENTION_DAYS: Type.Integer({ minimum: 1, maximum: 3650, default: 7 }),
};

/** No built-in default: a deployment without its own secret must not start. */
export const JwtSettings = {
  JWT_SECRET: Type.String({ minLength: 32, description: 'HS256 secret, at least 32 bytes' }),
};

export const LogSettings = { LOG_LEVEL: LogLevel };

export const PortSettings = {
  INGEST_PORT: Port(8081),
  FANOUT_PORT: Port(8090),
  QUERY_PORT: Port(8080),
  DASHBOARD_PORT: Port(3000),
};

/** The buffer settings the old system documented but never read; here they work. */
export const StreamingBufferSettings = {
  STREAMING_BUFFER_ENABLED: Type.Boolean({ default: true }),
  STREAMING_BUFFER_INTERVAL: Type.Integer({ minimum: 50, maximum: 1000, default: 250 }),
  STREAMING_MAX_BUFFER_SIZE: Type.Integer({ minimum: 1, maximum: 100_000, default: 100 }),
  STREAMING_MAX_BATCH_SIZE: Type.Integer({ minimum: 1, maximum: 1000, default: 20 }),
  STREAMING_PRIORITY_CONFIDENCE: Type.Number({ minimum: 0, maximum: 1, default: 0.8 }),
};
