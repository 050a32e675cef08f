// Publish → screen latencies of the rows the dashboard painted, per kind: batched items (the
// ingest's 250 ms batches) and priority patterns (a frame each, at once). Split in two legs:
// producer → page (ingest, Redis, fanout, WebSocket) and page → paint (the browser's own work).
import { percentile } from './ingest-support';
import type { RowSample } from './dashboard-browser';

export type Stats = { count: number; p50: number; p90: number; p99: number; max: number; toPageP99: number; onPageP99: number };
export type LatencySummary = { all: Stats; batched: Stats; batchedPatterns: Stats; batchedIndicators: Stats; priority: Stats };

const sorted = (xs: number[]) => xs.sort((a, b) => a - b);

function stats(rows: readonly RowSample[]): Stats {
  const total = sorted(rows.map((r) => r.shown - r.published));
  return {
    count: rows.length,
    p50: percentile(total, 50),
    p90: percentile(total, 90),
    p99: percentile(total, 99),
    max: total.at(-1) ?? NaN,
    toPageP99: percentile(sorted(rows.map((r) => r.received - r.published)), 99),
    onPageP99: percentile(sorted(rows.map((r) => r.shown - r.received)), 99),
  };
}

/** `streaming_pattern` is a priority pattern (CONTRACT.md); `*_batch` frames carry buffered items. */
export const isPriority = (r: RowSample) => r.via === 'streaming_pattern';
export const isBatched = (r: RowSample) => r.via.endsWith('_batch');

export function summarize(rows: readonly RowSample[]): LatencySummary {
  const batched = rows.filter(isBatched);
  return {
    all: stats(rows),
    batched: stats(batched),
    batchedPatterns: stats(batched.filter((r) => r.table === 'patterns')),
    batchedIndicators: stats(batched.filter((r) => r.table === 'indicators')),
    priority: stats(rows.filter(isPriority)),
  };
}
