// Frames out: each frame is serialized once and appended to the capped frames stream that the
// fanout pods read; the entry id is the frame's `seq`. Appends are fenced on the leader lease, so
// only the current leader's frames get in. The frames of one task go out as one batch, and batches
// are not awaited one by one: they go out in order on one connection (pipelined), which keeps
// frames in order without a round trip each.
import type { Bus } from '@tickstock/bus';
import { FENCE_FIELD, FRAME_FIELD, SERVICE_KEYS, type ServerFrame } from '@tickstock/contracts';
import type { FrameSink } from '../pipeline/ports';
import { producerTimeOf } from './frame-times';

export type FramePublisher = FrameSink & {
  /** Sets who appends: the leader's owner id and fencing token, or null while standby. */
  setTerm(term: { owner: string; fence: number } | null): void;
  /** Resolves when every append issued so far has settled. */
  settled(): Promise<void>;
};

/**
 * What the hooks learn of a frame. Not the frame itself: an append in flight would keep the whole
 * frame alive until Redis answers, long enough for the GC to promote it (see event-log.ts).
 */
export type FrameInfo = { event: ServerFrame['event']; producedAt: string | null; /** Events it carries. */ items: number };

function itemsOf(frame: ServerFrame): number {
  if (frame.event === 'streaming_patterns_batch') return frame.data.patterns.length;
  if (frame.event === 'streaming_indicators_batch') return frame.data.indicators.length;
  return 1;
}

export type FramePublisherHooks = {
  onAppended(frame: FrameInfo, id: string): void;
  /** The lease moved on while this replica still thought it led: the frame was refused. */
  onFenced(frame: FrameInfo): void;
  onError(err: unknown, frame: FrameInfo): void;
};

type Queued = { fields: Record<string, string>; info: FrameInfo };

export function createFramePublisher(bus: Bus, opts: { maxLen: number; hooks: FramePublisherHooks }): FramePublisher {
  let term: { owner: string; fence: number } | null = null;
  let last: Promise<unknown> = Promise.resolve();
  // Frames of the current task, appended together once it ends: one fenced script call (one lease
  // check, one command, one reply) for all the frames one socket read of TickStockPL messages
  // produced. Per frame, the command, its promises and its reply were most of what the ingest
  // allocated on its hot path. A microtask runs before any other I/O, so no frame waits longer
  // than the task that made it.
  let queued: Queued[] = [];
  let queuedTerm: { owner: string; fence: number } | null = null;

  function flush(): void {
    if (queued.length === 0 || !queuedTerm) return;
    const batch = queued;
    const owner = queuedTerm.owner;
    queued = [];
    queuedTerm = null;
    last = bus
      .appendFencedBatch(
        SERVICE_KEYS.framesStream,
        batch.map((q) => q.fields),
        { leaseKey: SERVICE_KEYS.ingestLeaderLease, owner, maxLen: opts.maxLen },
      )
      .then(
        (ids) => batch.forEach((q, i) => (ids === null ? opts.hooks.onFenced(q.info) : opts.hooks.onAppended(q.info, ids[i]!))),
        (err: unknown) => batch.forEach((q) => opts.hooks.onError(err, q.info)),
      );
  }

  return {
    setTerm(next) {
      // What waits was made under the old term: it goes out with that term's owner and fence.
      flush();
      term = next;
    },
    publish(frame) {
      if (!term) return;
      if (queued.length === 0) queueMicrotask(flush);
      queuedTerm = term;
      queued.push({
        fields: { [FRAME_FIELD]: JSON.stringify(frame), [FENCE_FIELD]: String(term.fence) },
        info: { event: frame.event, producedAt: producerTimeOf(frame), items: itemsOf(frame) },
      });
    },
    settled: () => {
      flush();
      return last.then(() => undefined);
    },
  };
}
