// The Redis keys the services share (all under the deployment's bus prefix). The ingest writes
// them; the fanout and query read them. Keeping the names here keeps the three in step.
export const SERVICE_KEYS = {
  /** Every frame, in order; the entry id is the frame's `seq`. Field `f` holds the frame JSON (without seq). */
  framesStream: 'frames',
  /** Accepted events waiting to be stored; entries hold a batch (`b`: JSON array of StoredEventEntry). */
  eventsStream: 'events',
  /** Consumer group of the store writer on the events stream. */
  storeGroup: 'store',
  /** Rejected messages for inspection: channel, reason, detail, raw (cut), at. */
  deadLetterStream: 'deadletter',
  /** Hash: `session` (Session JSON or empty), `health` (Health JSON or empty), `updated_at`. */
  liveState: 'ingest:state',
  /** Hash of ingest counters (received, accepted, rejected, ...) as decimal strings. */
  ingestStats: 'ingest:stats',
  /** String with the epoch ms of the ingest leader's last beat; expires when the ingest stops. */
  ingestHeartbeat: 'ingest:heartbeat',
  /** The ingest leader lease (value: the owner id) and its fencing counter. */
  ingestLeaderLease: 'ingest:leader',
  ingestFence: 'ingest:fence',
} as const;

/** The field of a frames-stream entry that holds the frame's JSON text. */
export const FRAME_FIELD = 'f';
/** The field with the fencing token of the leader that appended the entry. */
export const FENCE_FIELD = 'fence';

/** CONTRACT.md: `offline` when no ingest heartbeat for 15 s. The heartbeat key lives that long. */
export const INGEST_HEARTBEAT_TTL_MS = 15_000;
