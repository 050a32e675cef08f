// The fanout's metrics (issue 5, "/metrics"): connections, frames and bytes out, slow-consumer
// closes, replays, resyncs and the lag from stream append to send.
import { counter, createRegistry, gauge, histogram, type Registry } from '@tickstock/observability';

export type FanoutMetrics = ReturnType<typeof createFanoutMetrics>;

export function createFanoutMetrics(registry: Registry = createRegistry('fanout')) {
  return {
    registry,
    connections: gauge(registry, 'fanout_connections', 'Open WebSocket connections'),
    opened: counter(registry, 'fanout_connections_opened_total', 'WebSocket connections accepted'),
    closed: counter(registry, 'fanout_connections_closed_total', 'WebSocket connections closed, by close code', ['code']),
    refused: counter(registry, 'fanout_upgrades_refused_total', 'Upgrades refused before the socket existed', ['reason']),
    framesOut: counter(registry, 'fanout_frames_out_total', 'Frames sent to sockets (one per receiving socket)', ['path']),
    bytesOut: counter(registry, 'fanout_bytes_out_total', 'Frame bytes sent to sockets, before compression', ['path']),
    framesRead: counter(registry, 'fanout_stream_frames_read_total', 'Frames read from the frames stream'),
    badEntries: counter(registry, 'fanout_stream_bad_entries_total', 'Stream entries that were not a frame (skipped)'),
    slowConsumerCloses: counter(registry, 'fanout_slow_consumer_closes_total', 'Sockets closed with 4008: send buffer past the limit'),
    replays: counter(registry, 'fanout_replays_total', 'Resumes served by replaying frames', ['source']),
    replayedFrames: counter(registry, 'fanout_replayed_frames_total', 'Frames sent by replays'),
    resyncs: counter(registry, 'fanout_resyncs_total', 'resync_required answers: history did not reach back'),
    clientErrors: counter(registry, 'fanout_client_frame_errors_total', 'Bad client frames answered with an error event', ['code']),
    policyCloses: counter(registry, 'fanout_policy_closes_total', 'Sockets closed with 1008', ['reason']),
    tokenExpiries: counter(registry, 'fanout_login_expired_closes_total', 'Sockets closed with 4001: the login expired'),
    lag: histogram(registry, 'fanout_append_to_send_lag_seconds', 'Stream append (the entry id) to publish on this pod'),
    readerUp: gauge(registry, 'fanout_stream_reader_up', '1 while the frames stream reader is running'),
  };
}
