// Frames out: each frame is serialized once and appended to the capped frames stream that the
// fanout pods read; the entry id is the frame's `seq`. Appends are fenced on the leader lease, so
// only the current leader's frames get in. Calls are not awaited one by one: they go out in call
// order on one connection (pipelined), which keeps frames in order without a round trip each.
import type { Bus } from '@tickstock/bus';
import { FENCE_FIELD, FRAME_FIELD, SERVICE_KEYS, type ServerFrame } from '@tickstock/contracts';
import type { FrameSink } from '../pipeline/ports';

export type FramePublisher = FrameSink & {
  /** Sets who appends: the leader's owner id and fencing token, or null while standby. */
  setTerm(term: { owner: string; fence: number } | null): void;
  /** Resolves when every append issued so far has settled. */
  settled(): Promise<void>;
};

export type FramePublisherHooks = {
  onAppended(frame: ServerFrame, id: string): void;
  /** The lease moved on while this replica still thought it led: the frame was refused. */
  onFenced(frame: ServerFrame): void;
  onError(err: unknown, frame: ServerFrame): void;
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
      const appended = bus
        .appendFenced(SERVICE_KEYS.framesStream, fields, { leaseKey: SERVICE_KEYS.ingestLeaderLease, owner: term.owner, maxLen: opts.maxLen })
        .then(
          (id) => (id === null ? opts.hooks.onFenced(frame) : opts.hooks.onAppended(frame, id)),
          (err: unknown) => opts.hooks.onError(err, frame),
        );
      last = appended;
    },
    settled: () => last.then(() => undefined),
  };
}
