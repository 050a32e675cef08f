// The server goes away in the middle and comes back (a Redis restart, or the memory engine's
// simulated outage). Redis here persists nothing, so only what is written afterwards is checked.
import { waitFor } from '@tickstock/testing';
import { describe, expect, it } from 'vitest';
import type { StreamEntry } from '../../src/index';
import { busFactory, inbox, type MakeBus } from './harness';

/** Skipped (and shown so) when the engine under test cannot be taken down, e.g. a REDIS_URL server. */
export function outageContract(make: MakeBus, canTakeDown: boolean) {
  describe.skipIf(!canTakeDown)('outage and recovery', () => {
    const fresh = busFactory(make);

    it('a subscription goes not-ready while the server is down, re-subscribes by itself and receives again', async () => {
      const { sut, outage } = await fresh();
      const box = inbox();
      const changes: boolean[] = [];
      const sub = sut.subscribe(['ch:outage'], box.onMessage);
      sub.onReadyChange((r) => changes.push(r));
      await waitFor(() => sub.isReady(), { what: 'first subscription' });

      await outage!.begin();
      await waitFor(() => !sub.isReady(), { what: 'readiness to drop' });
      await outage!.end();
      await waitFor(() => sub.isReady(), { timeoutMs: 15_000, what: 'the re-subscription' });
      expect(changes).toEqual([true, false, true]);

      await waitFor(async () => (await sut.publish('ch:outage', 'after')) === 1, { what: 'publish to reach it' });
      await waitFor(() => box.got.some((m) => m.text === 'after'), { what: 'the message after the restart' });
    });

    it('calls made while the server is down reject UNAVAILABLE, and work again after', async () => {
      const { sut, outage } = await fresh();
      await sut.ping();
      await outage!.begin();
      await expect(sut.append('s', { a: '1' })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
      await outage!.end();
      await waitFor(
        () =>
          sut.ping().then(
            () => true,
            () => false,
          ),
        { timeoutMs: 15_000, what: 'ping after the restart' },
      );
      const id = await sut.append('s', { a: '2' });
      expect((await sut.read('s', '0')).map((e) => e.id)).toContain(id);
    });

    it('a reader loop blocked across the outage goes on receiving after it', async () => {
      const { sut, outage } = await fresh();
      const got: StreamEntry[] = [];
      const stop = new AbortController();
      let after = '0';
      const loop = (async () => {
        while (!stop.signal.aborted) {
          const entries = await sut.read('s', after, { blockMs: 500, signal: stop.signal });
          got.push(...entries);
          after = entries.at(-1)?.id ?? after;
        }
      })();
      try {
        await sut.append('s', { n: 'before' });
        await waitFor(() => got.length === 1, { what: 'the entry before the outage' });
        await outage!.begin();
        await outage!.end();
        await waitFor(
          () =>
            sut.append('s', { n: 'after' }).then(
              () => true,
              () => false,
            ),
          { timeoutMs: 15_000, what: 'an append after the restart' },
        );
        await waitFor(() => got.some((e) => e.fields.n === 'after'), { timeoutMs: 15_000, what: 'the reader to get it' });
      } finally {
        stop.abort();
        await loop;
      }
    });
  });
}
