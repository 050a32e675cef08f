// Backpressure from the command connection to the subscriptions of the same bus. A subscriber
// that handles each message by issuing commands (the ingest appends frames and events) can
// take messages faster than Redis takes its commands while Redis is busy (a publisher flood):
// without a brake the commands pile up in this process — the ingest bench saw 31,000 of them
// and 51 MB unsent, a 1.5 GB heap. While the command connection is backed up, subscriptions
// stop reading their sockets; the messages wait in Redis's output buffer for this client,
// where `client-output-buffer-limit pubsub` bounds them and Redis's INFO shows them.
import type { Redis } from 'ioredis';

export type FlowControl = {
  /** True while the command connection has more in flight than it should. */
  backedUp(): boolean;
  /** True once it is back under half of the limits (hysteresis: no pause/resume flapping). */
  relieved(): boolean;
};

export type FlowLimits = { maxInFlight: number; maxUnsentBytes: number };

// Small on purpose: a command in flight keeps its arguments (a frame's JSON) alive until Redis
// answers; with thousands in flight under a flood they outlived young-generation collections and
// were promoted, and the ingest's old generation filled with them (250 MB between full GCs at
// 5,000 in flight, ~110 MB at 500). A pipeline of 500 already keeps Redis busy.
export const DEFAULT_FLOW_LIMITS: FlowLimits = { maxInFlight: 500, maxUnsentBytes: 1024 * 1024 };

export function commandFlow(client: Redis, limits: FlowLimits = DEFAULT_FLOW_LIMITS): FlowControl {
  // Commands awaiting their reply or their auto-pipelined write, and bytes the socket has not
  // yet handed to the kernel.
  const inFlight = () => client.commandQueue.length + client.autoPipelineQueueSize;
  const unsent = () => client.stream?.writableLength ?? 0;
  return {
    backedUp: () => inFlight() > limits.maxInFlight || unsent() > limits.maxUnsentBytes,
    relieved: () => inFlight() <= limits.maxInFlight / 2 && unsent() <= limits.maxUnsentBytes / 2,
  };
}
