// The ingest's metrics (issue "Operations"): every message is accounted for —
// received = accepted + rejected; accepted = sent + deduplicated + dropped (+ pending in the buffer);
// of the sent, `unsent` never reached the frames stream (fenced or failed appends).
import { counter, createRegistry, gauge, histogram, type Registry } from '@tickstock/observability';

export type IngestMetrics = ReturnType<typeof createIngestMetrics>;

export function createIngestMetrics(registry: Registry = createRegistry('ingest')) {
  return {
    registry,
    received: counter(registry, 'ingest_messages_received_total', 'Messages received from TickStockPL', ['channel']),
    accepted: counter(registry, 'ingest_events_accepted_total', 'Normalized events accepted', ['kind']),
    rejected: counter(registry, 'ingest_messages_rejected_total', 'Messages or batch items rejected', ['channel', 'reason']),
    deduplicated: counter(registry, 'ingest_events_deduplicated_total', 'Events conflated or recognized as a second copy', ['stream']),
    dropped: counter(registry, 'ingest_events_dropped_total', 'Events dropped past STREAMING_MAX_BUFFER_SIZE', ['stream']),
    sent: counter(registry, 'ingest_events_sent_total', 'Events that left in a frame', ['stream']),
    unsent: counter(
      registry,
      'ingest_events_unsent_total',
      'Events counted as sent whose frame the frames stream did not take: fenced (the lease had moved on) or failed (Redis down)',
      ['event', 'reason'],
    ),
    standbySkipped: counter(registry, 'ingest_messages_standby_total', 'Messages seen while standby (the leader handles them)'),
    framesOut: counter(registry, 'ingest_frames_out_total', 'Frames appended to the frames stream', ['event']),
    batchSize: histogram(registry, 'ingest_batch_size', 'Items per batch frame', {
      labelNames: ['stream'],
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
    }),
    flushDuration: histogram(registry, 'ingest_flush_duration_seconds', 'Time to flush the buffer and append its frames'),
    lag: histogram(registry, 'ingest_producer_to_frame_lag_seconds', 'Producer timestamp to frame append', { labelNames: ['event'] }),
    persistLag: histogram(registry, 'ingest_persistence_lag_seconds', 'Receipt to row stored'),
    persistBacklog: gauge(registry, 'ingest_persistence_backlog_entries', 'Entries (up to 100 events each) waiting in the events stream to be stored'),
    persisted: counter(registry, 'ingest_events_persisted_total', 'Rows newly stored', ['table']),
    persistLost: counter(registry, 'ingest_events_persist_lost_total', 'Events trimmed from the events stream before they were stored'),
    persistErrors: counter(registry, 'ingest_persistence_errors_total', 'Failed store batches (retried)'),
    unstorable: counter(registry, 'ingest_events_unstorable_total', 'Accepted events PostgreSQL refused (dead-lettered with reason unstorable)'),
    fenced: counter(registry, 'ingest_frames_fenced_total', 'Frames refused because the lease had moved on (a stale leader)'),
    leader: gauge(registry, 'ingest_is_leader', '1 while this replica is the leader'),
    leaderChanges: counter(registry, 'ingest_leader_acquired_total', 'Times this replica became leader'),
    leaderGap: histogram(registry, 'ingest_leader_gap_seconds', 'Time between the last frame of the old leader and the first of the new', {
      buckets: [0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30],
    }),
    subscriptionUp: gauge(registry, 'ingest_subscription_up', '1 while the Redis subscription is live'),
    subscriptionPaused: counter(
      registry,
      'ingest_subscription_paused_seconds_total',
      'Total time the subscription stopped reading because appends to Redis were backed up (flow control; Redis holds the messages meanwhile)',
    ),
  };
}
