import { describe, expect, it } from 'vitest';
import type { StreamEntry } from '../../src/index';
import { busFactory, type MakeBus } from './harness';

const ids = (entries: StreamEntry[]) => entries.map((e) => e.id);

export function groupsContract(make: MakeBus) {
  describe('consumer groups', () => {
    const fresh = busFactory(make);

    it('createGroup is idempotent and makes the stream', async () => {
      const { sut } = await fresh();
      await sut.createGroup('s', 'g');
      await sut.createGroup('s', 'g');
      expect(await sut.streamInfo('s')).toMatchObject({ length: 0 });
    });

    it('a group from $ gets only entries appended after it was made; from 0, all', async () => {
      const { sut } = await fresh();
      const old = await sut.append('s', { a: '1' });
      await sut.createGroup('s', 'new');
      await sut.createGroup('s', 'all', '0');
      const fresh1 = await sut.append('s', { a: '2' });
      expect(ids(await sut.readGroup('s', 'new', 'c1'))).toEqual([fresh1]);
      expect(ids(await sut.readGroup('s', 'all', 'c1'))).toEqual([old, fresh1]);
    });

    it('delivers each entry to one consumer of a group, and to every group', async () => {
      const { sut } = await fresh();
      await sut.createGroup('s', 'g1');
      await sut.createGroup('s', 'g2');
      const a = await sut.append('s', { a: '1' });
      const b = await sut.append('s', { b: '2' });
      expect(ids(await sut.readGroup('s', 'g1', 'c1', { count: 1 }))).toEqual([a]);
      expect(ids(await sut.readGroup('s', 'g1', 'c2'))).toEqual([b]);
      expect(await sut.readGroup('s', 'g1', 'c1')).toEqual([]);
      expect(ids(await sut.readGroup('s', 'g2', 'c1'))).toEqual([a, b]);
    });

    it('deletes entries by id, so a drained queue has length 0', async () => {
      const { sut } = await fresh();
      const a = await sut.append('q', { n: '1' });
      const b = await sut.append('q', { n: '2' });
      expect(await sut.deleteEntries('q', [a, '1-1'])).toBe(1);
      expect((await sut.streamInfo('q')).length).toBe(1);
      expect((await sut.range('q', '0', 10)).map((e) => e.id)).toEqual([b]);
      expect(await sut.deleteEntries('q', [])).toBe(0);
    });

    it('entries stay pending until acked; ack counts what it acknowledged', async () => {
      const { sut } = await fresh();
      await sut.createGroup('s', 'g');
      await sut.append('s', { a: '1' });
      await sut.append('s', { a: '2' });
      const got = await sut.readGroup('s', 'g', 'c');
      expect(await sut.pendingCount('s', 'g')).toBe(2);
      expect(await sut.ack('s', 'g', [got[0]!.id])).toBe(1);
      expect(await sut.ack('s', 'g', [got[0]!.id])).toBe(0);
      expect(await sut.pendingCount('s', 'g')).toBe(1);
      expect(await sut.ack('s', 'g', [])).toBe(0);
    });

    it('a blocking readGroup wakes up on append', async () => {
      const { sut } = await fresh();
      await sut.createGroup('s', 'g');
      const pending = sut.readGroup('s', 'g', 'c', { blockMs: 5_000 });
      const id = await sut.append('s', { x: '1' });
      expect(ids(await pending)).toEqual([id]);
    });

    it('autoclaim hands entries idle long enough to another consumer', async () => {
      const { sut } = await fresh();
      await sut.createGroup('s', 'g');
      const a = await sut.append('s', { a: '1' });
      const b = await sut.append('s', { b: '2' });
      await sut.readGroup('s', 'g', 'crashed');
      expect((await sut.autoclaim('s', 'g', 'rescuer', 60_000)).entries).toEqual([]);
      const claimed = await sut.autoclaim('s', 'g', 'rescuer', 0);
      expect(claimed).toEqual({ nextId: '0-0', entries: [{ id: a, fields: { a: '1' } }, { id: b, fields: { b: '2' } }], deletedIds: [] });
      expect(await sut.ack('s', 'g', [a, b])).toBe(2);
      expect(await sut.pendingCount('s', 'g')).toBe(0);
    });

    it('autoclaim pages with count and nextId', async () => {
      const { sut } = await fresh();
      await sut.createGroup('s', 'g');
      for (let i = 0; i < 5; i++) await sut.append('s', { i: String(i) });
      const all = ids(await sut.readGroup('s', 'g', 'crashed'));
      const first = await sut.autoclaim('s', 'g', 'r', 0, { count: 3 });
      expect(ids(first.entries)).toEqual(all.slice(0, 3));
      expect(first.nextId).toBe(all[3]);
      const rest = await sut.autoclaim('s', 'g', 'r', 0, { startId: first.nextId, count: 3 });
      expect(ids(rest.entries)).toEqual(all.slice(3));
      expect(rest.nextId).toBe('0-0');
    });

    it('autoclaim drops pending entries that were trimmed away and reports them as deleted', async () => {
      const { sut } = await fresh();
      await sut.createGroup('s', 'g');
      // Redis trims `MAXLEN ~` by whole 100-entry nodes, so trim enough for it to act.
      for (let i = 0; i < 250; i++) await sut.append('s', { i: String(i) });
      const delivered = ids(await sut.readGroup('s', 'g', 'crashed', { count: 250 }));
      await sut.append('s', { last: '1' }, { maxLen: 1 });
      const claimed: string[] = [];
      const deleted: string[] = [];
      let start = '0-0';
      do {
        const r = await sut.autoclaim('s', 'g', 'r', 0, { startId: start, count: 100 });
        claimed.push(...ids(r.entries));
        deleted.push(...r.deletedIds);
        start = r.nextId;
      } while (start !== '0-0');
      expect(deleted.length).toBeGreaterThanOrEqual(100);
      expect([...deleted, ...claimed].sort()).toEqual([...delivered].sort());
      expect(await sut.pendingCount('s', 'g')).toBe(claimed.length);
    });

    it('rejects NO_GROUP for a group that does not exist', async () => {
      const { sut } = await fresh();
      await sut.append('s', { a: '1' });
      await expect(sut.readGroup('s', 'nope', 'c')).rejects.toMatchObject({ code: 'NO_GROUP' });
      await expect(sut.readGroup('s', 'nope', 'c', { blockMs: 100 })).rejects.toMatchObject({ code: 'NO_GROUP' });
      await expect(sut.pendingCount('s', 'nope')).rejects.toMatchObject({ code: 'NO_GROUP' });
      await expect(sut.autoclaim('s', 'nope', 'c', 0)).rejects.toMatchObject({ code: 'NO_GROUP' });
    });
  });
}
