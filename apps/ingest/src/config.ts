// The ingest's settings (CONTRACT.md, "Processes, ports, settings").
import { Type, type Static } from 'typebox';
import { DatabaseSettings, LogSettings, PortSettings, RedisSettings, StreamingBufferSettings } from '@tickstock/config';

export const IngestConfigSchema = Type.Object({
  ...RedisSettings,
  ...DatabaseSettings,
  ...LogSettings,
  INGEST_PORT: PortSettings.INGEST_PORT,
  ...StreamingBufferSettings,
  /**
   * Cap of the frames stream the fanout pods read. At the default rates (4 batches/s on each of
   * two streams, ~10 priority patterns/s, a few session/health/alert frames) that is ~20 frames/s,
   * so 100,000 frames keep about 80 minutes of history for `resume`.
   */
  FRAMES_STREAM_MAXLEN: Type.Integer({ minimum: 1000, maximum: 10_000_000, default: 100_000 }),
  /**
   * Cap of the events stream the store writer drains, in entries of up to 100 events (one per
   * 50 ms). At 1,000 events/s that is 20 entries/s, so 20,000 entries ride out ~16 minutes of
   * PostgreSQL outage; what passes the cap is lost and counted.
   */
  EVENTS_STREAM_MAXLEN: Type.Integer({ minimum: 100, maximum: 10_000_000, default: 20_000 }),
  /**
   * Nice value of the store writer's thread (Linux). When CPU is short the main thread, which
   * decodes and frames, runs first and storage waits in the events stream; 0 turns this off.
   */
  INGEST_STORE_NICE: Type.Integer({ minimum: 0, maximum: 19, default: 10 }),
  DEADLETTER_STREAM_MAXLEN: Type.Integer({ minimum: 100, maximum: 1_000_000, default: 10_000 }),
  /** Leader lease; a standby takes over within LEASE_TTL_MS + one renew tick of the leader's death. */
  INGEST_LEASE_TTL_MS: Type.Integer({ minimum: 500, maximum: 60_000, default: 2000 }),
  INGEST_INSTANCE_ID: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
});

export type IngestConfig = Static<typeof IngestConfigSchema>;
