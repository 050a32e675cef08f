// What ingest.bench.ts and its child processes (publisher, bare subscriber) say over IPC.

/** Key in a priority pattern's `metadata`: the publisher's send time, epoch ms (timeOrigin + now). */
export const BENCH_STAMP_FIELD = 'bench_sent_at';

/** A pool of messages as the ingest should see it: decoded ahead by the publisher. */
export type PoolSummary = {
  messages: number;
  bytes: number;
  families: Record<string, number>;
  /** Events decode() accepts (a batch message counts its items). */
  accepted: number;
  /** Rejected messages plus rejected batch items. */
  rejected: number;
  acceptedByKind: Record<string, number>;
  rejectedByReason: Record<string, number>;
  /** Σ over accepted messages of (events + item rejections - 1): received + this = accepted + rejected. */
  batchExpansion: number;
  /** Distinct event ids per table: the most rows the idempotent store can add. */
  distinctIdsByTable: Record<string, number>;
  /** Distinct priority patterns carrying a send time that must leave as their own frame (paced pool only). */
  stampedPriority: number;
};

/** A pool of the mix: `flood` is pre-encoded for the fastest sending; `paced` is sent at a rate, `stamp` adds send times. */
export type PoolSpec = { name: string; mode: 'flood' | 'paced'; count: number; seed: number; t0Ms: number; stamp?: boolean };

export type PublisherRequest =
  | { cmd: 'prepare'; pools: PoolSpec[] }
  | { cmd: 'flood'; pool: string }
  | { cmd: 'paced'; pool: string; eventsPerSec: number }
  | { cmd: 'exit' };

type ReplyCounts = { replies: number; unheard: number; errors: number };

export type FloodResult = { type: 'flooded'; published: number; elapsedMs: number; pausedMs: number; maxOmem: number } & ReplyCounts;
export type PacedResult = { type: 'paced'; published: number; events: number; elapsedMs: number; maxBehindMs: number } & ReplyCounts;

export type PublisherReply =
  | { type: 'ready' }
  | { type: 'prepared'; pools: Record<string, PoolSummary>; priorityIds: Record<string, string[]>; ms: number }
  | FloodResult
  | PacedResult
  | { type: 'error'; message: string };

export type SubscriberRequest = { cmd: 'report' } | { cmd: 'exit' };
export type SubscriberReply =
  | { type: 'ready' }
  | { type: 'report'; count: number; firstAt: number; lastAt: number }
  | { type: 'error'; message: string };
