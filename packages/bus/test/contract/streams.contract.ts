import { describe, expect, it } from 'vitest';
import { compareStreamIds, type Bus } from '../../src/index';
import { busFactory, type MakeBus } from './harness';

const appendN = async (bus: Bus, stream: string, n: number, opts?: { maxLen?: number }) => {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await bus.append(stream, { n: String(i) }, opts));
  return ids;
};

export function streamsContract(make: MakeBus) {
  describe('streams', () => {
    const fresh = busFactory(make);

    it('append returns increasing ms-seq ids', async () => {
      const { sut } = await fresh();
      const ids = await appendN(sut, 's', 5);
      for (const id of ids) expect(id).toMatch(/^\d+-\d+$/);
      for (let i = 1; i < ids.length; i++) expect(compareStreamIds(ids[i - 1]!, ids[i]!)).toBeLessThan(0);
    });

    it('read returns the entries after an id, in order, with their fields, up to count', async () => {
      const { sut } = await fresh();
      const ids = await appendN(sut, 's', 5);
      expect(await sut.read('s', '0')).toEqual(ids.map((id, i) => ({ id, fields: { n: String(i) } })));
      const after = await sut.read('s', ids[1]!, { count: 2 });
      expect(after.map((e) => e.id)).toEqual([ids[2], ids[3]]);
    });

    it('read of a missing stream is empty', async () => {
      const { sut } = await fresh();
      expect(await sut.read('nothing', '0')).toEqual([]);
    });

    it('a blocking read wakes up on append, long before its deadline', async () => {
      const { sut } = await fresh();
      const [last] = await appendN(sut, 's', 1);
      const started = Date.now();
      const pending = sut.read('s', last!, { blockMs: 5_000 });
      const id = await sut.append('s', { late: 'yes' });
      expect(await pending).toEqual([{ id, fields: { late: 'yes' } }]);
      expect(Date.now() - started).toBeLessThan(4_000);
    });

    it('a blocking read from $ gets only what is appended after the call', async () => {
      const { sut } = await fresh();
      await appendN(sut, 's', 2);
      const pending = sut.read('s', '$', { blockMs: 5_000 });
      const id = await sut.append('s', { fresh: '1' });
      expect((await pending).map((e) => e.id)).toEqual([id]);
    });

    it('a blocking read with nothing new settles with [] after about blockMs', async () => {
      const { sut } = await fresh();
      const started = Date.now();
      expect(await sut.read('s', '$', { blockMs: 300 })).toEqual([]);
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(250);
      expect(took).toBeLessThan(2_500);
    });

    it('aborting ends a blocking read early with []', async () => {
      const { sut } = await fresh();
      const ac = new AbortController();
      const started = Date.now();
      const pending = sut.read('s', '$', { blockMs: 10_000, signal: ac.signal });
      setTimeout(() => ac.abort(), 100);
      expect(await pending).toEqual([]);
      expect(Date.now() - started).toBeLessThan(3_000);
    });

    it('close() settles a waiting read with [] and later calls reject CLOSED', async () => {
      const { sut } = await fresh();
      const started = Date.now();
      const pending = sut.read('s', '$', { blockMs: 10_000 });
      setTimeout(() => void sut.close(), 100);
      expect(await pending).toEqual([]);
      expect(Date.now() - started).toBeLessThan(3_000);
      await expect(sut.append('s', { a: '1' })).rejects.toMatchObject({ code: 'CLOSED' });
      await expect(sut.read('s', '0', { blockMs: 100 })).rejects.toMatchObject({ code: 'CLOSED' });
    });

    it('range replays the entries strictly after an id, up to count', async () => {
      const { sut } = await fresh();
      const ids = await appendN(sut, 's', 6);
      expect((await sut.range('s', ids[2]!, 2)).map((e) => e.id)).toEqual([ids[3], ids[4]]);
      expect((await sut.range('s', '0', 100)).map((e) => e.id)).toEqual(ids);
      expect(await sut.range('s', ids[5]!, 10)).toEqual([]);
    });

    it('maxLen trims the oldest entries but keeps at least maxLen', async () => {
      const { sut } = await fresh();
      const ids = await appendN(sut, 's', 300, { maxLen: 10 });
      const info = await sut.streamInfo('s');
      expect(info.length).toBeGreaterThanOrEqual(10);
      expect(info.length).toBeLessThan(300);
      expect(compareStreamIds(info.firstId!, ids[0]!)).toBeGreaterThan(0);
      expect(info.lastId).toBe(ids.at(-1));
    });

    it('streamInfo gives length, first and last id; nulls for a missing stream', async () => {
      const { sut } = await fresh();
      expect(await sut.streamInfo('s')).toEqual({ length: 0, firstId: null, lastId: null });
      const ids = await appendN(sut, 's', 3);
      expect(await sut.streamInfo('s')).toEqual({ length: 3, firstId: ids[0], lastId: ids[2] });
    });

    it('prefixes stream keys: another prefix sees nothing', async () => {
      const a = await fresh();
      const b = await fresh();
      await appendN(a.sut, 'frames', 2);
      expect(await b.sut.read('frames', '0')).toEqual([]);
    });

    it('rejects a malformed id and an entry without fields as INVALID', async () => {
      const { sut } = await fresh();
      await expect(sut.read('s', 'not-an-id')).rejects.toMatchObject({ code: 'INVALID' });
      await expect(sut.range('s', 'x', 10)).rejects.toMatchObject({ code: 'INVALID' });
      await expect(sut.append('s', {})).rejects.toMatchObject({ code: 'INVALID' });
    });
  });
}
