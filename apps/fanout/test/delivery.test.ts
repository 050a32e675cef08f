// CONTRACT.md, WebSocket: `welcome` first, then frames as the ingest appends them, each with its
// stream id as seq; subscriptions by stream and symbol (batches then hold only those symbols);
// ping → pong; bad frames → `error`, a run of them or one over 16 KB → 1008.
import { SERVICE_KEYS } from '@tickstock/contracts';
import { startRedis, uniquePrefix, waitFor, type TestRedis } from '@tickstock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFrame, criticalFrame, health, healthFrame, indicatorsFrame, patternsFrame, priorityFrame, session, sessionFrame } from './helpers/frames';
import { startInProcess, type InProcessPod } from './helpers/fanout-in-process';
import { ticket } from './helpers/tickets';
import { connect, type Frame, type TestClient } from './helpers/ws-client';

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

const open = async () => connect(sut.port, await ticket());
const streamFrames = (c: TestClient) => c.frames.filter((f) => f.seq !== undefined);
const symbolsIn = (f: Frame) => {
  const items = (f.data?.patterns ?? f.data?.indicators) as { detection?: { symbol: string }; calculation?: { symbol: string } }[];
  return items.map((i) => (i.detection ?? i.calculation)!.symbol);
};

describe('welcome and live frames', () => {
  it('sends welcome first with the session, the health and the last seq', async () => {
    const s = session('s-welcome');
    const h = health();
    await sut.bus.hset(SERVICE_KEYS.liveState, { session: JSON.stringify(s), health: '' });
    await appendFrame(sut.bus, sessionFrame(s));
    const last = await appendFrame(sut.bus, healthFrame(h));
    // The pod's state follows the frames it publishes: wait until it has read both.
    await waitFor(async () => (await sut.metric('fanout_stream_frames_read_total')) >= 2, { what: 'the pod to read the frames' });
    const client = await open();
    await client.until((f) => f.length >= 1, 'welcome');
    const welcome = client.frames[0]!;
    expect(welcome.event).toBe('welcome');
    expect(welcome.data).toMatchObject({ session: { session_id: 's-welcome' }, health: { status: 'healthy' }, last_seq: last });
    expect(Date.parse(welcome.data!.server_time as string)).toBeGreaterThan(Date.now() - 10_000);
    await client.close();
  });

  it('delivers every appended frame once, in order, with the stream id as seq', async () => {
    const client = await open();
    await client.sync();
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await appendFrame(sut.bus, i % 2 ? patternsFrame(['NVDA']) : priorityFrame('AAPL')));
    await client.until((f) => f.filter((x) => x.seq).length >= 30, '30 frames');
    expect(client.seqs()).toEqual(ids);
    await client.close();
  });
});

describe('subscriptions', () => {
  it('narrows a batch to the subscribed symbols: each frame holds only their items', async () => {
    const client = await open();
    client.send({ op: 'subscribe', streams: ['patterns'], symbols: ['nvda'] });
    await client.sync();
    const id = await appendFrame(sut.bus, patternsFrame(['NVDA', 'AAPL', 'NVDA', 'MSFT']));
    await client.until((f) => f.some((x) => x.seq === id), 'the narrowed batch');
    const batch = streamFrames(client).find((x) => x.seq === id)!;
    expect(batch.event).toBe('streaming_patterns_batch');
    expect(symbolsIn(batch)).toEqual(['NVDA', 'NVDA']);
    expect(batch.data!.count).toBe(2);
    await client.close();
  });

  it('leaves out frames about other symbols, keeps unnarrowed streams whole, and keeps symbol-less alerts', async () => {
    const client = await open();
    client.send({ op: 'subscribe', streams: ['patterns', 'alerts'], symbols: ['TSLA'] });
    await client.sync();
    const other = await appendFrame(sut.bus, priorityFrame('AAPL'));
    const mine = await appendFrame(sut.bus, priorityFrame('TSLA'));
    const indicators = await appendFrame(sut.bus, indicatorsFrame(['AAPL', 'MSFT']));
    const critical = await appendFrame(sut.bus, criticalFrame());
    await client.until((f) => f.some((x) => x.seq === critical), 'the critical alert');
    expect(client.seqs()).toEqual([mine, indicators, critical]);
    expect(client.seqs()).not.toContain(other);
    expect(symbolsIn(streamFrames(client)[1]!)).toEqual(['AAPL', 'MSFT']);
    await client.close();
  });

  it('stops a stream on unsubscribe and brings it back on subscribe', async () => {
    const client = await open();
    client.send({ op: 'unsubscribe', streams: ['indicators'] });
    await client.sync();
    const skipped = await appendFrame(sut.bus, indicatorsFrame(['NVDA']));
    const seen = await appendFrame(sut.bus, patternsFrame(['NVDA']));
    await client.until((f) => f.some((x) => x.seq === seen), 'the patterns frame');
    client.send({ op: 'subscribe', streams: ['indicators'] });
    await client.sync();
    const back = await appendFrame(sut.bus, indicatorsFrame(['NVDA']));
    await client.until((f) => f.some((x) => x.seq === back), 'indicators again');
    expect(client.seqs()).toEqual([seen, back]);
    expect(client.seqs()).not.toContain(skipped);
    await client.close();
  });

  it('answers an error (and keeps the socket) when dropping symbols from a stream that takes them all', async () => {
    const client = await open();
    client.send({ op: 'unsubscribe', streams: ['patterns'], symbols: ['NVDA'] });
    await client.until((f) => f.some((x) => x.event === 'error'), 'an error event');
    expect(client.frames.find((x) => x.event === 'error')!.data).toMatchObject({ code: 'NOT_NARROWED' });
    client.send({ op: 'ping' });
    await client.until((f) => f.some((x) => x.event === 'pong'), 'pong after the error');
    await client.close();
  });
});

describe('bad client frames', () => {
  it('answers one bad frame with an error event and keeps the connection', async () => {
    const client = await open();
    client.sendRaw('not json');
    client.send({ op: 'subscribe', streams: ['nope'] });
    await client.until((f) => f.filter((x) => x.event === 'error').length === 2, 'two error events');
    expect(client.frames.filter((x) => x.event === 'error').map((x) => x.data!.code)).toEqual(['BAD_FRAME', 'BAD_FRAME']);
    client.send({ op: 'ping' });
    await client.until((f) => f.some((x) => x.event === 'pong'), 'pong');
    await client.close();
  });

  it('closes with 1008 after a run of bad frames', async () => {
    const client = await open();
    for (let i = 0; i < 3; i++) client.sendRaw('{"op":"dance"}');
    expect((await client.closed).code).toBe(1008);
  });

  it('closes with 1008 on a frame over 16 KB', async () => {
    const client = await open();
    client.send({ op: 'ping', pad: 'x'.repeat(17 * 1024) });
    expect((await client.closed).code).toBe(1008);
    expect(await sut.metric('fanout_policy_closes_total', { reason: 'too_large' })).toBe(1);
  });

  it('rejects a resume whose since is not a seq', async () => {
    const client = await open();
    client.send({ op: 'resume', since: 'yesterday' });
    await client.until((f) => f.some((x) => x.event === 'error'), 'an error event');
    expect(client.frames.find((x) => x.event === 'error')!.data).toMatchObject({ code: 'BAD_SEQ' });
    await client.close();
  });
});

describe('permessage-deflate', () => {
  it('is negotiated when FANOUT_COMPRESSION is on, and frames arrive intact', async () => {
    const compressed = await startInProcess(redis.url, uniquePrefix('deflate'), { FANOUT_COMPRESSION: true });
    try {
      const client = await connect(compressed.port, await ticket());
      expect(client.ws.extensions).toContain('permessage-deflate');
      await client.sync();
      const id = await appendFrame(compressed.bus, patternsFrame(['NVDA', 'AAPL']));
      await client.until((f) => f.some((x) => x.seq === id), 'the frame');
      expect(symbolsIn(streamFrames(client)[0]!)).toEqual(['NVDA', 'AAPL']);
      await client.close();
    } finally {
      await compressed.stop();
    }
  });

  it('is not negotiated by default', async () => {
    const client = await open();
    expect(client.ws.extensions).toBe('');
    await client.close();
  });
});

describe('/metrics', () => {
  it('serves the fanout series as Prometheus text', async () => {
    const text = await (await fetch(`http://127.0.0.1:${sut.port}/metrics`)).text();
    for (const name of ['fanout_connections', 'fanout_frames_out_total', 'fanout_bytes_out_total', 'fanout_slow_consumer_closes_total', 'fanout_replays_total', 'fanout_resyncs_total', 'fanout_append_to_send_lag_seconds_bucket']) {
      expect(text).toContain(name);
    }
  });
});
