import { waitFor } from '@tickstock/testing';
import { describe, expect, it } from 'vitest';
import type { BusError } from '../../src/index';
import { busFactory, inbox, type MakeBus } from './harness';

export function pubSubContract(make: MakeBus) {
  describe('pub/sub', () => {
    const fresh = busFactory(make);

    it('is not ready until the server confirms, then says so through onReadyChange', async () => {
      const { sut } = await fresh();
      const changes: boolean[] = [];
      const sub = sut.subscribe(['ch:ready'], () => undefined);
      sub.onReadyChange((r) => changes.push(r));
      expect(sub.isReady()).toBe(false);
      await waitFor(() => sub.isReady(), { what: 'subscription ready' });
      expect(changes).toEqual([true]);
    });

    it('delivers published text to a ready subscriber, with its channel', async () => {
      const { sut } = await fresh();
      const box = inbox();
      const sub = sut.subscribe(['ch:a', 'ch:b'], box.onMessage);
      await waitFor(() => sub.isReady());
      await sut.publish('ch:b', '{"x":1}');
      await sut.publish('ch:a', 'second');
      await waitFor(() => box.got.length === 2, { what: 'two messages' });
      expect(box.got).toEqual([
        { channel: 'ch:b', text: '{"x":1}' },
        { channel: 'ch:a', text: 'second' },
      ]);
    });

    it('publish resolves with the number of subscribers that received it', async () => {
      const { sut } = await fresh();
      expect(await sut.publish('ch:count', 'nobody')).toBe(0);
      const sub = sut.subscribe(['ch:count'], () => undefined);
      await waitFor(() => sub.isReady());
      expect(await sut.publish('ch:count', 'one')).toBe(1);
    });

    it('does not prefix channels: buses with different key prefixes share them', async () => {
      const a = await fresh();
      const b = await fresh();
      expect(a.sut.prefix).not.toBe(b.sut.prefix);
      const box = inbox();
      const sub = a.sut.subscribe(['tickstock:patterns:streaming'], box.onMessage);
      await waitFor(() => sub.isReady());
      await b.sut.publish('tickstock:patterns:streaming', 'from b');
      await waitFor(() => box.got.length === 1);
      expect(box.got[0]?.text).toBe('from b');
    });

    it('close() stops delivery and readiness', async () => {
      const { sut } = await fresh();
      const sub = sut.subscribe(['ch:close'], () => undefined);
      await waitFor(() => sub.isReady());
      await sub.close();
      expect(sub.isReady()).toBe(false);
      expect(await sut.publish('ch:close', 'late')).toBe(0);
    });

    it('reports a throwing handler through onError and keeps delivering', async () => {
      const errors: BusError[] = [];
      const { sut } = await fresh((e) => errors.push(e));
      const box = inbox();
      const sub = sut.subscribe(['ch:throw'], (channel, text) => {
        if (text === 'boom') throw new Error('handler bug');
        box.onMessage(channel, text);
      });
      await waitFor(() => sub.isReady());
      await sut.publish('ch:throw', 'boom');
      await sut.publish('ch:throw', 'fine');
      await waitFor(() => box.got.length === 1);
      expect(errors.map((e) => e.code)).toContain('HANDLER');
    });

    it('rejects a subscription to no channel', async () => {
      const { sut } = await fresh();
      expect(() => sut.subscribe([], () => undefined)).toThrow(expect.objectContaining({ code: 'INVALID' }));
    });
  });
}
