// Issue 5: each pod reads the stream from its last position, so a pod that loses Redis for a
// while continues where it stopped when Redis returns: connected clients lose and repeat nothing.
import { startRedis, uniquePrefix, waitFor, type TestRedis } from '@tickstock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppender } from './helpers/frames';
import { startInProcess, type InProcessPod } from './helpers/fanout-in-process';
import { ticket } from './helpers/tickets';
import { connect } from './helpers/ws-client';

let redis: TestRedis;
let sut: InProcessPod;

beforeAll(async () => {
  redis = await startRedis();
  sut = await startInProcess(redis.url, uniquePrefix(import.meta.filename));
}, 30_000);

afterAll(async () => {
  await sut?.stop();
  await redis?.stop();
});

describe('Redis restarted mid-stream', () => {
  it('keeps every connected client receiving each frame exactly once, in order', async () => {
    if (!redis.restart) return expect.fail('this test needs a Redis it can restart (not REDIS_URL)');
    const all = await connect(sut.port, await ticket());
    const narrowed = await connect(sut.port, await ticket());
    narrowed.send({ op: 'subscribe', streams: ['patterns'], symbols: ['TSLA'] });
    await all.sync();
    await narrowed.sync();

    const before = startAppender(sut.bus, 3);
    await waitFor(() => before.ids.length >= 100, { what: '100 frames before the restart' });
    const idsBefore = await before.stop();
    await all.until((f) => f.filter((x) => x.seq).length === idsBefore.length, 'the frames before the restart');

    await redis.restart();
    const after = startAppender(sut.bus, 3);
    await waitFor(() => after.ids.length >= 100, { what: '100 frames after the restart', timeoutMs: 20_000 });
    const idsAfter = await after.stop();
    const expected = [...idsBefore, ...idsAfter];
    await all.until((f) => f.filter((x) => x.seq).length >= expected.length, 'every frame after the restart');
    expect(all.seqs()).toEqual(expected);
    // Priority frames (TSLA) are every other one; the narrowed client gets those and no batch of other symbols.
    await narrowed.until((f) => f.filter((x) => x.seq).length >= expected.length / 2, 'the TSLA frames');
    expect(narrowed.seqs()).toEqual(expected.filter((_, i) => (i < idsBefore.length ? i : i - idsBefore.length) % 2 === 0));
    expect(await sut.metric('fanout_stream_reader_up')).toBe(1);
    await all.close();
    await narrowed.close();
  }, 60_000);
});
