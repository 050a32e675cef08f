// The fanout's settings (CONTRACT.md, "Processes, ports, settings"), read once by main.ts.
import { Type, type Static } from 'typebox';
import { JwtSettings, LogSettings, PortSettings, RedisSettings } from '@tickstock/config';

export const FanoutConfigSchema = Type.Object({
  ...RedisSettings,
  ...JwtSettings,
  ...LogSettings,
  FANOUT_PORT: PortSettings.FANOUT_PORT,
  FANOUT_HOST: Type.String({ minLength: 1, default: '0.0.0.0' }),
  /** A socket whose send buffer passes this is closed with 4008 (issue 5: default 1 MB). */
  FANOUT_MAX_BACKPRESSURE_BYTES: Type.Integer({ minimum: 16 * 1024, maximum: 256 * 1024 * 1024, default: 1024 * 1024 }),
  /** uWebSockets.js closes a socket silent this long; pings go out automatically before that (granularity ~4 s). */
  FANOUT_IDLE_TIMEOUT_S: Type.Integer({ minimum: 8, maximum: 960, default: 60 }),
  /** permessage-deflate with the shared compressor: off by default (CPU for every frame, bandwidth saved). */
  FANOUT_COMPRESSION: Type.Boolean({ default: false }),
  /** New sockets per second per client IP (token bucket refill); 0 turns the limit off. */
  FANOUT_CONN_RATE_PER_IP: Type.Number({ minimum: 0, maximum: 100_000, default: 5 }),
  /** How many connections one IP may open at once before the rate applies. */
  FANOUT_CONN_BURST_PER_IP: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 20 }),
  /** Behind a proxy, the client IP is the last X-Forwarded-For entry (what our proxy saw). */
  FANOUT_TRUST_PROXY: Type.Boolean({ default: false }),
  /**
   * A new socket starts delivery after its first client frame or this long after `welcome`,
   * so a `resume` sent on open lands before any live frame (no frame twice or out of order).
   */
  FANOUT_RESUME_WINDOW_MS: Type.Integer({ minimum: 0, maximum: 10_000, default: 500 }),
  /** Frames kept in memory for replays (~2 min at the default ingest rates); older ones come from the stream. */
  FANOUT_REPLAY_CACHE_FRAMES: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 2000 }),
  /** Consecutive bad client frames that close the socket with 1008; fewer each get an `error` event. */
  FANOUT_MAX_BAD_FRAMES: Type.Integer({ minimum: 1, maximum: 1000, default: 5 }),
  /** On SIGTERM, sockets are closed with 1001 in batches spread over this long, then the process exits. */
  FANOUT_DRAIN_MS: Type.Integer({ minimum: 0, maximum: 600_000, default: 20_000 }),
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
});

export type FanoutConfig = Static<typeof FanoutConfigSchema>;
