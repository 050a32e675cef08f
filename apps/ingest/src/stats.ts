// The ingest's counters as one flat record, for `subscriber_stats` in /streaming/api/status:
// each metric summed over its labels (the labelled detail stays in /metrics).
import type { IngestMetrics } from './metrics';

const REPORTED = {
  received: 'ingest_messages_received_total',
  accepted: 'ingest_events_accepted_total',
  rejected: 'ingest_messages_rejected_total',
  deduplicated: 'ingest_events_deduplicated_total',
  dropped: 'ingest_events_dropped_total',
  sent: 'ingest_events_sent_total',
  frames_out: 'ingest_frames_out_total',
  persisted: 'ingest_events_persisted_total',
  persist_lost: 'ingest_events_persist_lost_total',
} as const;

export async function collectStats(metrics: IngestMetrics): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, metric] of Object.entries(REPORTED)) {
    const values = (await metrics.registry.getSingleMetric(metric)?.get())?.values ?? [];
    out[name] = values.reduce((sum, v) => sum + v.value, 0);
  }
  return out;
}
