// Issue 5, backpressure: a socket whose send buffer passes the limit is closed with 4008 and
// counted; the other sockets are unaffected and keep receiving every frame in order.
import { startRedis, uniquePrefix, waitFor, type TestRedis } from '@tickstock/testing';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFrame, patternsFrame } from './helpers/frames';
import { startInProcess, type InProcessPod } from './helpers/fanout-in-process';
import { ticket } from './helpers/tickets';
import { connect } from './helpers/ws-client';

let redis: TestRedis;
let sut: InProcessPod;

beforeAll(async () => {
  redis = await startRedis();
  sut = await startInProcess(redis.url, uniquePrefix(import.meta.filename), { FANOUT_MAX_BACKPRESSURE_BYTES: 256 * 1024 });
}, 30_000);

afterAll(async () => {
  await sut?.stop();
  await redis?.stop();
});

const symbols = Array.from({ length: 150 }, (_, i) => `S${i}`);

describe('slow consumers', () => {
  it('closes a socket that stops reading with 4008 while a normal socket keeps receiving', async () => {
    const slow = await connect(sut.port, await ticket({ sub: 'slow' }));
    const normal = await connect(sut.port, await ticket({ sub: 'normal' }));
    await slow.sync();
    await normal.sync();
    // The slow client stops reading: the kernel buffers fill, then the pod's send buffer grows.
    (slow.ws as unknown as { _socket: Socket })._socket.pause();

    const ids: string[] = [];
    for (let i = 0; i < 400 && (await sut.metric('fanout_slow_consumer_closes_total')) === 0; i++) {
      ids.push(await appendFrame(sut.bus, patternsFrame(symbols)));
    }
    await waitFor(async () => (await sut.metric('fanout_slow_consumer_closes_total')) === 1, { what: 'the slow consumer close' });
    const more = [await appendFrame(sut.bus, patternsFrame(['NVDA'])), await appendFrame(sut.bus, patternsFrame(['AAPL']))];

    await normal.until((f) => f.filter((x) => x.seq).length === ids.length + 2, 'every frame on the normal socket', 20_000);
    expect(normal.seqs()).toEqual([...ids, ...more]);
    expect(await sut.metric('fanout_connections')).toBe(1);

    // Reading again, the slow client finds what was buffered, then the close frame.
    (slow.ws as unknown as { _socket: Socket })._socket.resume();
    expect((await slow.closed).code).toBe(4008);
    // What it got before the close is a gap-free prefix; nothing published after the close reached it.
    expect(slow.seqs()).toEqual(ids.slice(0, slow.seqs().length));
    expect(slow.seqs()).not.toContain(more[0]);
    await normal.close();
  }, 60_000);
});
