// Pub/sub for one process. Delivery is asynchronous (a microtask per message, in publish order),
// as it is over a socket: a publisher never runs subscriber code inside its own call stack.
import type { MessageHandler, Subscription } from '../bus';
import { BusError } from '../bus-error';

type Member = {
  channels: ReadonlySet<string>;
  onMessage: MessageHandler;
  onError: (err: BusError) => void;
  isLive(): boolean;
};

export type MemoryPubSub = ReturnType<typeof createMemoryPubSub>;

export function createMemoryPubSub() {
  const members = new Set<Member>();
  const readyHooks = new Set<(up: boolean) => void>();
  let up = true;

  const deliver = (m: Member, channel: string, text: string) => {
    if (!m.isLive()) return;
    try {
      m.onMessage(channel, text);
    } catch (err) {
      m.onError(new BusError('HANDLER', `message handler failed on channel ${channel}`, { cause: err }));
    }
  };

  return {
    publish(channel: string, text: string): number {
      const targets = [...members].filter((m) => m.isLive() && m.channels.has(channel));
      for (const m of targets) queueMicrotask(() => deliver(m, channel, text));
      return targets.length;
    },

    /** The "server" going away and coming back: every subscription follows, like on Redis. */
    setUp(value: boolean) {
      up = value;
      for (const hook of [...readyHooks]) hook(value);
    },

    subscribe(channels: readonly string[], onMessage: MessageHandler, onError: (err: BusError) => void): Subscription {
      const listeners = new Set<(ready: boolean) => void>();
      let ready = false;
      let closed = false;
      const setReady = (value: boolean) => {
        if (ready === value) return;
        ready = value;
        for (const l of [...listeners]) l(value);
      };
      // Confirmation arrives later, as the SUBSCRIBE reply does on Redis.
      const confirmSoon = () =>
        queueMicrotask(() => {
          if (!closed && up) setReady(true);
        });
      const onServer = (isUp: boolean) => (isUp ? confirmSoon() : setReady(false));
      const member: Member = { channels: new Set(channels), onMessage, onError, isLive: () => ready };
      members.add(member);
      readyHooks.add(onServer);
      if (up) confirmSoon();
      return {
        isReady: () => ready,
        // Delivery is synchronous with publish: nothing to fall behind, nothing to pause.
        pausedMs: () => 0,
        onReadyChange(listener) {
          listeners.add(listener);
          return () => {
            listeners.delete(listener);
          };
        },
        close() {
          closed = true;
          members.delete(member);
          readyHooks.delete(onServer);
          setReady(false);
          return Promise.resolve();
        },
      };
    },
  };
}
