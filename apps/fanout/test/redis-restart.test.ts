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
    if (!redis.stopServer || !redis.startServer) return expect.fail('this test needs a Redis it can stop (not REDIS_URL)');
    const all = await connect(sut.port, await ticket());
    const narrowed = await connect(sut.port, await ticket());
    narrowed.send({ op: 'subscribe', streams: ['patterns'], symbols: ['TSLA'] });
    await all.sync();
    await narrowed.sync();

    const before = startAppender(sut.bus, 3);
    await waitFor(() => before.ids.length >= 100, { what: '100 frames before the restart' });
    const idsBefore = await before.stop();
    await all.until((f) => f.filter((x) => x.seq).length === idsBefore.length, 'the frames before the restart');

    // An outage, not just a restart: readiness follows it, connected sockets stay open.
    await redis.stopServer();
    const readyz = () => fetch(`http://127.0.0.1:${sut.port}/readyz`).then((r) => r.status);
    await waitFor(async () => (await readyz()) === 503, { what: '/readyz 503 while Redis is away' });
    await redis.startServer();
    await waitFor(async () => (await readyz()) === 200, { what: '/readyz 200 once Redis is back', timeoutMs: 20_000 });
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
    expect(all.closeInfo()).toBe('');
    await all.close();
    await narrowed.close();
  }, 60_000);
});
