// A client's frames held against the frames stream: every stream entry after the point its
// delivery started must arrive once, in order. A `resync_required` (CONTRACT.md: history no
// longer covers `since`) makes the frames it skipped an allowed loss, counted apart.
import { streamOf, type ServerEvent } from '@tickstock/contracts';

export type Received = { seq: string; event: string };

export type ClientLog = {
  /** welcome.last_seq of the first socket: delivery starts after it (null: an empty stream). */
  startAfter: string | null;
  /** Every frame with a seq, in the order received, over all of the client's sockets. */
  received: readonly Received[];
  /** Indexes into `received` at which a resync_required arrived (frames after it may start anywhere). */
  resyncsAt: readonly number[];
};

export type SequenceReport = {
  expected: number;
  received: number;
  duplicates: number;
  outOfOrder: number;
  /** Stream entries never received, without a resync to excuse them. */
  missing: number;
  /** Stream entries skipped after a resync_required (the contract allows it: reload from REST). */
  skippedByResync: number;
  /** Seqs that are not in the stream at all. */
  unknown: number;
  /** Frames received per topic (stream), each topic's seqs checked to increase strictly. */
  perTopic: Record<string, { frames: number; notIncreasing: number }>;
};

const compareSeq = (a: string, b: string): number => {
  const [am, as] = a.split('-').map(Number) as [number, number];
  const [bm, bs] = b.split('-').map(Number) as [number, number];
  return am - bm || as - bs;
};

export function checkSequence(log: ClientLog, streamIds: readonly string[]): SequenceReport {
  const index = new Map(streamIds.map((id, i) => [id, i]));
  let next = log.startAfter === null ? 0 : streamIds.findIndex((id) => compareSeq(id, log.startAfter!) > 0);
  if (next === -1) next = streamIds.length;
  const report: SequenceReport = { expected: streamIds.length - next, received: log.received.length, duplicates: 0, outOfOrder: 0, missing: 0, skippedByResync: 0, unknown: 0, perTopic: {} };
  const seen = new Set<string>();
  const resyncs = new Set(log.resyncsAt);
  let resyncPending = false;
  const lastOfTopic = new Map<string, string>();
  log.received.forEach((r, i) => {
    if (resyncs.has(i)) resyncPending = true;
    const topic = streamOf(r.event as ServerEvent) ?? r.event;
    const t = (report.perTopic[topic] ??= { frames: 0, notIncreasing: 0 });
    t.frames++;
    const prev = lastOfTopic.get(topic);
    if (prev !== undefined && compareSeq(r.seq, prev) <= 0) t.notIncreasing++;
    lastOfTopic.set(topic, r.seq);

    const at = index.get(r.seq);
    if (at === undefined) {
      report.unknown++;
      return;
    }
    if (seen.has(r.seq)) report.duplicates++;
    else if (at < next) report.outOfOrder++;
    seen.add(r.seq);
    if (at >= next) {
      if (resyncPending) report.skippedByResync += at - next;
      else report.missing += at - next;
      next = at + 1;
    }
    resyncPending = false;
  });
  // Whatever the client never got to (it is waited for before this check) is missing too.
  if (resyncPending) report.skippedByResync += streamIds.length - next;
  else report.missing += streamIds.length - next;
  return report;
}

/** Adds reports up, for one line per scenario. */
export function sumReports(reports: readonly SequenceReport[]): SequenceReport {
  const total: SequenceReport = { expected: 0, received: 0, duplicates: 0, outOfOrder: 0, missing: 0, skippedByResync: 0, unknown: 0, perTopic: {} };
  for (const r of reports) {
    total.expected += r.expected;
    total.received += r.received;
    total.duplicates += r.duplicates;
    total.outOfOrder += r.outOfOrder;
    total.missing += r.missing;
    total.skippedByResync += r.skippedByResync;
    total.unknown += r.unknown;
    for (const [topic, t] of Object.entries(r.perTopic)) {
      const sum = (total.perTopic[topic] ??= { frames: 0, notIncreasing: 0 });
      sum.frames += t.frames;
      sum.notIncreasing += t.notIncreasing;
    }
  }
  return total;
}
