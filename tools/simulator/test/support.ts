// Integration-test plumbing: a real Redis of this file's own (packages/testing), the simulator's
// bus (no prefix: it writes TickStockPL's names), and a listener on the 12 channels.
import { createRedisBus, type Bus } from '@tickstock/bus';
import { ALL_CHANNELS } from '@tickstock/contracts';
import { startRedis, waitFor, type TestRedis } from '@tickstock/testing';

export type Heard = { channel: string; text: string; at: number };

export type Harness = {
  redis: TestRedis;
  /** The simulator's bus. */
  bus: Bus;
  /** Subscribes to the 12 channels on a bus of its own and resolves once the subscription is live. */
  listen: () => Promise<{ heard: Heard[]; close: () => Promise<void> }>;
  close: () => Promise<void>;
};

export async function startHarness(): Promise<Harness> {
  const redis = await startRedis();
  const bus = createRedisBus({ url: redis.url, prefix: '', name: 'simulator-test' });
  const listeners: Bus[] = [];
  return {
    redis,
    bus,
    async listen() {
      const listener = createRedisBus({ url: redis.url, prefix: '', name: 'listener' });
      listeners.push(listener);
      const heard: Heard[] = [];
      const sub = listener.subscribe(ALL_CHANNELS, (channel, text) => heard.push({ channel, text, at: performance.now() }));
      await waitFor(() => sub.isReady(), { what: 'the listener to subscribe' });
      return { heard, close: () => sub.close() };
    },
    async close() {
      await Promise.all([bus.close(), ...listeners.map((l) => l.close())]);
      await redis.stop();
    },
  };
}
