// The ordering promise of delivery, without a network: a fake uWS (topics deliver to the fake
// sockets subscribed at publish time, as uWS does) and the memory bus as the stream.
import { createMemoryBus, type Bus } from '@tickstock/bus';
import { SERVICE_KEYS } from '@tickstock/contracts';
import { createLogger, createRegistry } from '@tickstock/observability';
import type { WebSocket } from 'uWebSockets.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { appendMany } from '../../test/helpers/frames';
import { createFanoutMetrics } from '../metrics';
import { createLiveState } from '../stream/live-state';
import { prepareFrame, type PreparedFrame } from '../stream/prepared-frame';
import { createPublisher, type TopicSink } from '../topics/publisher';
import { defaultSubscription } from '../topics/subscription';
import { newClient, type Client } from './client';
import { createDelivery, type Delivery } from './delivery';

type FakeWs = { sent: string[]; topics: Set<string>; closedWith?: number };

let bus: Bus;
let sockets: FakeWs[];
let sut: Delivery;
let metrics: ReturnType<typeof createFanoutMetrics>;

function build(replayCacheFrames: number) {
  sockets = [];
  const sink: TopicSink = {
    publish(topic, text) {
      for (const ws of sockets) if (ws.topics.has(topic)) ws.sent.push(text);
      return true;
    },
    numSubscribers: (topic) => sockets.filter((ws) => ws.topics.has(topic)).length,
  };
  metrics = createFanoutMetrics(createRegistry('t', { defaultMetrics: false }));
  sut = createDelivery({
    bus,
    stream: SERVICE_KEYS.framesStream,
    publisher: createPublisher(sink, metrics, { compress: false }),
    liveState: createLiveState(() => undefined),
    metrics,
    log: createLogger({ name: 't', level: 'silent' }),
    replayCacheFrames,
    resumeWindowMs: 0,
    maxBackpressureBytes: 1 << 20,
    compress: false,
    close: (client, code) => {
      (client.ws as unknown as FakeWs).closedWith = code;
      client.phase = 'closed';
      client.ws = null;
      sut.closed(client);
    },
    sweep: () => undefined,
    sweepEveryBytes: 1 << 30,
  });
}

function socket(): { client: Client; ws: FakeWs } {
  const ws: FakeWs & Record<string, unknown> = { sent: [], topics: new Set() };
  Object.assign(ws, {
    send: (text: string) => ws.sent.push(text),
    cork: (cb: () => void) => cb(),
    getBufferedAmount: () => 0,
    subscribe: (t: string) => ws.topics.add(t),
    unsubscribe: (t: string) => ws.topics.delete(t),
  });
  sockets.push(ws);
  const client = newClient({ ip: '127.0.0.1', user: 'u', loginExpMs: Infinity, subscription: defaultSubscription() });
  client.ws = ws as unknown as WebSocket<Client>;
  return { client, ws };
}

const seqs = (ws: FakeWs) => ws.sent.map((t) => (JSON.parse(t) as { seq?: string }).seq).filter((s) => s !== undefined);

/** What the reader would hand on: the stream's entries from `from` (exclusive) to `to` (inclusive). */
async function read(ids: string[], from: number, to: number): Promise<PreparedFrame[]> {
  const entries = await bus.range(SERVICE_KEYS.framesStream, from < 0 ? '0-0' : ids[from]!, to - from);
  return entries.map((e) => {
    const r = prepareFrame(e);
    if (!r.ok) throw new Error(r.reason);
    return r.frame;
  });
}

beforeEach(() => {
  bus = createMemoryBus({ prefix: 't:' });
});

describe.each([
  { source: 'cache', cache: 1000 },
  { source: 'stream', cache: 0 },
])('resume from the $source', ({ cache }) => {
  it('replays the frames after since up to the reader, then the topics bring the rest: none missed, none twice', async () => {
    build(cache);
    const ids = await appendMany(bus, 12);
    sut.started('0-0');
    sut.onFrames(await read(ids, -1, 5));
    const { client, ws } = socket();
    const resumed = sut.resume(client, ids[1]!);
    // The reader moves on while the replay runs (for the stream path, between its reads).
    sut.onFrames(await read(ids, 5, 8));
    await resumed;
    sut.onFrames(await read(ids, 8, 11));
    expect(seqs(ws)).toEqual(ids.slice(2));
    expect(client.phase).toBe('live');
  });
});

describe('a socket ahead of this pod', () => {
  it('waits for the reader to pass its cursor, then joins its topics at exactly that frame', async () => {
    build(1000);
    const ids = await appendMany(bus, 10);
    sut.started('0-0');
    sut.onFrames(await read(ids, -1, 3));
    const { client, ws } = socket();
    await sut.resume(client, ids[6]!);
    expect(client.phase).toBe('waiting');
    sut.onFrames(await read(ids, 3, 9));
    expect(seqs(ws)).toEqual(ids.slice(7));
  });
});

describe('a new socket', () => {
  it('gets the frames published while it was pending once delivery begins, then the live ones', async () => {
    build(1000);
    const ids = await appendMany(bus, 6);
    sut.started('0-0');
    sut.onFrames(await read(ids, -1, 1));
    const { client, ws } = socket();
    client.phase = 'pending';
    client.cursor = sut.position()!;
    sut.onFrames(await read(ids, 1, 3));
    expect(seqs(ws)).toEqual([]);
    sut.begin(client);
    await Promise.resolve();
    sut.onFrames(await read(ids, 3, 5));
    expect(seqs(ws)).toEqual(ids.slice(2));
  });
});

describe('a resume on a live socket', () => {
  it('leaves the topics, replays from since in order, and rejoins', async () => {
    build(1000);
    const ids = await appendMany(bus, 8);
    sut.started('0-0');
    const { client, ws } = socket();
    await sut.resume(client, '0-0');
    sut.onFrames(await read(ids, -1, 4));
    expect(seqs(ws)).toEqual(ids.slice(0, 5));
    ws.sent.length = 0;
    await sut.resume(client, ids[2]!);
    sut.onFrames(await read(ids, 4, 7));
    expect(seqs(ws)).toEqual(ids.slice(3));
  });
});

describe('resync_required', () => {
  it('is answered when the stream holds nothing from since on, and the socket goes live', async () => {
    build(0);
    const ids = await appendMany(bus, 3);
    sut.started(ids[2]!);
    await bus.del(SERVICE_KEYS.framesStream);
    // A recreated stream numbers from the clock: let it pass the old ids, as after a Redis restart.
    const lastMs = Number(ids[2]!.split('-')[0]);
    while (Date.now() <= lastMs) await new Promise((r) => setTimeout(r, 1));
    const later = await appendMany(bus, 2);
    const { client, ws } = socket();
    await sut.resume(client, ids[0]!);
    expect(JSON.parse(ws.sent[0]!)).toMatchObject({ event: 'resync_required' });
    sut.onFrames(await read(later, -1, 1));
    expect(seqs(ws)).toEqual(later);
    expect((await metrics.resyncs.get()).values[0]?.value).toBe(1);
  });
});
