import { waitFor } from '@tickstock/testing';
import { describe, expect, it } from 'vitest';
import { busFactory, type MakeBus } from './harness';
import { compareStreamIds } from '../../src/stream-id';

export function keysContract(make: MakeBus) {
  describe('keys', () => {
    const fresh = busFactory(make);

    it('set then get; a missing key is null', async () => {
      const { sut } = await fresh();
      expect(await sut.get('k')).toBeNull();
      await sut.set('k', 'v');
      expect(await sut.get('k')).toBe('v');
    });

    it('a key set with ttlMs expires', async () => {
      const { sut } = await fresh();
      await sut.set('k', 'v', { ttlMs: 150 });
      expect(await sut.get('k')).toBe('v');
      await waitFor(async () => (await sut.get('k')) === null, { timeoutMs: 3_000, what: 'the key to expire' });
    });

    it('del says whether the key existed', async () => {
      const { sut } = await fresh();
      await sut.set('k', 'v');
      expect(await sut.del('k')).toBe(true);
      expect(await sut.del('k')).toBe(false);
    });

    it('incr counts from 1 and never repeats', async () => {
      const { sut } = await fresh();
      expect(await sut.incr('fence')).toBe(1);
      expect(await sut.incr('fence')).toBe(2);
      await sut.set('text', 'abc');
      await expect(sut.incr('text')).rejects.toMatchObject({ code: 'COMMAND' });
    });

    it('getRaw reads the key as named, without the prefix', async () => {
      const { sut } = await fresh();
      await sut.set('heartbeat', '1700000000.5');
      expect(await sut.getRaw(`${sut.prefix}heartbeat`)).toBe('1700000000.5');
      expect(await sut.getRaw('heartbeat')).toBeNull();
    });

    it('hset merges fields, hgetall returns them all ({} when missing)', async () => {
      const { sut } = await fresh();
      expect(await sut.hgetall('h')).toEqual({});
      await sut.hset('h', { a: '1', b: '2' });
      await sut.hset('h', { b: '3', c: '4' });
      expect(await sut.hgetall('h')).toEqual({ a: '1', b: '3', c: '4' });
      await expect(sut.hset('h', {})).rejects.toMatchObject({ code: 'INVALID' });
    });

    it('a hash set with ttlMs expires', async () => {
      const { sut } = await fresh();
      await sut.hset('h', { a: '1' }, { ttlMs: 150 });
      await waitFor(async () => Object.keys(await sut.hgetall('h')).length === 0, { timeoutMs: 3_000 });
    });

    it('using a key as the wrong type rejects COMMAND', async () => {
      const { sut } = await fresh();
      await sut.append('s', { a: '1' });
      await expect(sut.get('s')).rejects.toMatchObject({ code: 'COMMAND' });
      await expect(sut.hset('s', { a: '1' })).rejects.toMatchObject({ code: 'COMMAND' });
    });
  });

  describe('leases', () => {
    const fresh = busFactory(make);

    it('acquire takes a free lease only: a second owner, or the holder again, gets false', async () => {
      const { sut } = await fresh();
      expect(await sut.acquireLease('leader', 'a', 10_000)).toBe(true);
      expect(await sut.acquireLease('leader', 'b', 10_000)).toBe(false);
      expect(await sut.acquireLease('leader', 'a', 10_000)).toBe(false);
    });

    it('appends fenced only while the owner holds the lease', async () => {
      const { sut } = await fresh();
      const opts = { leaseKey: 'leader', owner: 'a', maxLen: 1000 };
      expect(await sut.appendFenced('frames', { f: '1' }, opts)).toBeNull();
      await sut.acquireLease('leader', 'a', 10_000);
      const id = await sut.appendFenced('frames', { f: '2' }, opts);
      expect(id).toMatch(/^\d+-\d+$/);
      expect(await sut.appendFenced('frames', { f: '3' }, { ...opts, owner: 'b' })).toBeNull();
      await sut.releaseLease('leader', 'a');
      expect(await sut.appendFenced('frames', { f: '4' }, opts)).toBeNull();
      expect((await sut.range('frames', '0', 10)).map((e) => e.fields)).toEqual([{ f: '2' }]);
    });

    it('appends a fenced batch in order in one step, or nothing while the owner does not hold the lease', async () => {
      const { sut } = await fresh();
      const opts = { leaseKey: 'leader', owner: 'a', maxLen: 1000 };
      expect(await sut.appendFencedBatch('frames', [{ f: '0' }], opts)).toBeNull();
      await sut.acquireLease('leader', 'a', 10_000);
      expect(await sut.appendFencedBatch('frames', [], opts)).toEqual([]);
      const ids = await sut.appendFencedBatch('frames', [{ f: '1' }, { f: '2', fence: '7' }, { f: '3' }], opts);
      expect(ids).toHaveLength(3);
      expect([...ids!].sort(compareStreamIds)).toEqual(ids);
      expect(new Set(ids).size).toBe(3);
      expect(await sut.appendFencedBatch('frames', [{ f: '4' }], { ...opts, owner: 'b' })).toBeNull();
      await expect(sut.appendFencedBatch('frames', [{ f: '5' }, {}], opts)).rejects.toMatchObject({ code: 'INVALID' });
      const entries = await sut.range('frames', '0', 10);
      expect(entries.map((e) => e.id)).toEqual(ids);
      expect(entries.map((e) => e.fields)).toEqual([{ f: '1' }, { f: '2', fence: '7' }, { f: '3' }]);
    });

    it('caps the stream at maxLen in a fenced batch too', async () => {
      const { sut } = await fresh();
      await sut.acquireLease('leader', 'a', 10_000);
      const entries = Array.from({ length: 300 }, (_, i) => ({ f: String(i) }));
      await sut.appendFencedBatch('frames', entries, { leaseKey: 'leader', owner: 'a', maxLen: 100 });
      // MAXLEN ~ trims whole nodes only: at least the cap is kept, and far less than 300.
      const kept = (await sut.streamInfo('frames')).length;
      expect(kept).toBeGreaterThanOrEqual(100);
      expect(kept).toBeLessThan(300);
    });

    it('only the holder renews', async () => {
      const { sut } = await fresh();
      await sut.acquireLease('leader', 'a', 10_000);
      expect(await sut.renewLease('leader', 'a', 10_000)).toBe(true);
      expect(await sut.renewLease('leader', 'b', 10_000)).toBe(false);
    });

    it('only the holder releases, and then another owner can acquire', async () => {
      const { sut } = await fresh();
      await sut.acquireLease('leader', 'a', 10_000);
      expect(await sut.releaseLease('leader', 'b')).toBe(false);
      expect(await sut.acquireLease('leader', 'b', 10_000)).toBe(false);
      expect(await sut.releaseLease('leader', 'a')).toBe(true);
      expect(await sut.acquireLease('leader', 'b', 10_000)).toBe(true);
    });

    it('an expired lease cannot be renewed and is free for another owner', async () => {
      const { sut } = await fresh();
      await sut.acquireLease('leader', 'a', 150);
      await waitFor(() => sut.acquireLease('leader', 'b', 10_000), { timeoutMs: 3_000, what: 'the lease to expire' });
      expect(await sut.renewLease('leader', 'a', 10_000)).toBe(false);
      expect(await sut.releaseLease('leader', 'a')).toBe(false);
    });

    it('renewing pushes the expiry out', async () => {
      const { sut } = await fresh();
      // Renewing every 100 ms a 500 ms lease, for more than two lease lifetimes.
      await sut.acquireLease('leader', 'a', 500);
      const until = Date.now() + 1_200;
      while (Date.now() < until) {
        expect(await sut.renewLease('leader', 'a', 500)).toBe(true);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await sut.acquireLease('leader', 'b', 500)).toBe(false);
    });
  });
}
