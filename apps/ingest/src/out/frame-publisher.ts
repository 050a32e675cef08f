// Frames out: each frame is serialized once and appended to the capped frames stream that the
// fanout pods read; the entry id is the frame's `seq`. Appends are fenced on the leader lease, so
// only the current leader's frames get in. Calls are not awaited one by one: they go out in call
// order on one connection (pipelined), which keeps frames in order without a round trip each.
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

export function createFramePublisher(bus: Bus, opts: { maxLen: number; hooks: FramePublisherHooks }): FramePublisher {
  let term: { owner: string; fence: number } | null = null;
  let last: Promise<unknown> = Promise.resolve();

  return {
    setTerm(next) {
      term = next;
    },
    publish(frame) {
      if (!term) return;
      const fields = { [FRAME_FIELD]: JSON.stringify(frame), [FENCE_FIELD]: String(term.fence) };
      const info: FrameInfo = { event: frame.event, producedAt: producerTimeOf(frame), items: itemsOf(frame) };
      const appended = bus
        .appendFenced(SERVICE_KEYS.framesStream, fields, { leaseKey: SERVICE_KEYS.ingestLeaderLease, owner: term.owner, maxLen: opts.maxLen })
        .then(
          (id) => (id === null ? opts.hooks.onFenced(info) : opts.hooks.onAppended(info, id)),
          (err: unknown) => opts.hooks.onError(err, info),
        );
      last = appended;
    },
    settled: () => last.then(() => undefined),
  };
}
