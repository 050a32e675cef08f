import { describe, expect, it } from 'vitest';
import { parseMetrics } from './metrics';

const TEXT = `# HELP ingest_messages_received_total Messages received from TickStockPL
# TYPE ingest_messages_received_total counter
ingest_messages_received_total{channel="tickstock.events.patterns",service="ingest"} 12
ingest_messages_received_total{channel="tickstock:indicators:streaming",service="ingest"} 30
ingest_leader_gap_seconds_sum{service="ingest"} 2.25
ingest_leader_gap_seconds_count{service="ingest"} 1
odd_label{detail="a \\"quoted\\" value"} 3
process_start_time_seconds 1700000000
`;

describe(parseMetrics.name, () => {
  it('sums the samples of a name over every label set, or over those that match', () => {
    const sut = parseMetrics(TEXT);
    expect(sut.sum('ingest_messages_received_total')).toBe(42);
    expect(sut.sum('ingest_messages_received_total', { channel: 'tickstock.events.patterns' })).toBe(12);
    expect(sut.sum('ingest_leader_gap_seconds_sum')).toBe(2.25);
  });

  it('reads unlabelled samples and escaped label values, and counts a missing name as 0', () => {
    const sut = parseMetrics(TEXT);
    expect(sut.sum('process_start_time_seconds')).toBe(1_700_000_000);
    expect(sut.samples.find((s) => s.name === 'odd_label')?.labels.detail).toBe('a "quoted" value');
    expect(sut.sum('no_such_metric')).toBe(0);
  });
});
