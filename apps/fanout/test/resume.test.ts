// CONTRACT.md: `resume` replays every frame after `since` that a reconnecting client missed, in
// order, or answers `resync_required`. Issue 5: exactly the missed frames, none twice, and no gap
// between the replay and the live frames, from the pod's cache or from the stream's history.
import { SERVICE_KEYS } from '@tickstock/contracts';
import { startRedis, uniquePrefix, waitFor, type TestRedis } from '@tickstock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFrame, appendMany, priorityFrame, startAppender } from './helpers/frames';
import { startInProcess, type InProcessPod } from './helpers/fanout-in-process';
import { ticket } from './helpers/tickets';
import { connect } from './helpers/ws-client';

let redis: TestRedis;
const pods: InProcessPod[] = [];

beforeAll(async () => {
  redis = await startRedis();
}, 30_000);

afterAll(async () => {
  for (const pod of pods) await pod.stop();
  await redis?.stop();
});

async function pod(settings: Parameters<typeof startInProcess>[2] = {}) {
  const p = await startInProcess(redis.url, uniquePrefix(import.meta.filename), settings);
  pods.push(p);
  return p;
}

/** Every id the stream holds after `since`, in order: what a resume from `since` must deliver. */
async function idsAfter(p: InProcessPod, since: string): Promise<string[]> {
  const entries = await p.bus.range(SERVICE_KEYS.framesStream, since, 100_000);
  return entries.map((e) => e.id);
}

describe.each([
  { source: 'cache', cache: 2000 },
  { source: 'stream', cache: 0 },
])('resume from the $source', ({ source, cache }) => {
  it('replays exactly the frames missed while disconnected, then continues live', async () => {
    const sut = await pod({ FANOUT_REPLAY_CACHE_FRAMES: cache });
    const first = await connect(sut.port, await ticket());
    await first.sync();
    const before = await appendMany(sut.bus, 10);
    await first.until((f) => f.filter((x) => x.seq).length === 10, 'the first 10 frames');
    const since = first.lastSeq()!;
    await first.close();

    const missed = await appendMany(sut.bus, 10);
    const second = await connect(sut.port, await ticket());
    second.send({ op: 'resume', since });
    await second.until((f) => f.filter((x) => x.seq).length === 10, 'the 10 missed frames');
    const live = await appendMany(sut.bus, 3);
    await second.until((f) => f.filter((x) => x.seq).length === 13, 'the live frames after the replay');
    expect(first.seqs()).toEqual(before);
    expect(second.seqs()).toEqual([...missed, ...live]);
    expect(await sut.metric('fanout_replays_total', { source })).toBe(1);
    await second.close();
  });

  it('leaves no gap and no repeat between the replay and the live frames while frames keep coming', async () => {
    const sut = await pod({ FANOUT_REPLAY_CACHE_FRAMES: cache });
    const appender = startAppender(sut.bus, 2);
    await waitFor(() => appender.ids.length >= 50, { what: '50 frames appended' });
    const since = appender.ids[10]!;
    const client = await connect(sut.port, await ticket());
    client.send({ op: 'resume', since });
    await waitFor(() => appender.ids.length >= 250, { what: '250 frames appended' });
    const ids = await appender.stop();
    await client.until((f) => f.filter((x) => x.seq).length >= ids.length - 11, 'every frame after since');
    expect(client.seqs()).toEqual(await idsAfter(sut, since));
    await client.close();
  });
});

describe('resync_required', () => {
  it('answers resync_required when history no longer reaches back to since, then goes on live', async () => {
    const sut = await pod({ FANOUT_REPLAY_CACHE_FRAMES: 5 });
    // MAXLEN ~ trims whole nodes of 100 entries: 400 appends capped at 10 leave well under 400.
    const ids = await appendMany(sut.bus, 400, 10);
    const info = await sut.bus.streamInfo(SERVICE_KEYS.framesStream);
    expect(info.length).toBeLessThan(400);
    const client = await connect(sut.port, await ticket());
    client.send({ op: 'resume', since: ids[0]! });
    await client.until((f) => f.some((x) => x.event === 'resync_required'), 'resync_required');
    expect(client.frames.filter((x) => x.seq)).toEqual([]);
    const live = await appendFrame(sut.bus, priorityFrame('NVDA'));
    await client.until((f) => f.some((x) => x.seq === live), 'the next live frame');
    expect(client.seqs()).toEqual([live]);
    expect(await sut.metric('fanout_resyncs_total')).toBe(1);
    await client.close();
  });

  it('answers resync_required to a since the stream never held (a reset stream)', async () => {
    const sut = await pod();
    await appendMany(sut.bus, 2);
    const client = await connect(sut.port, await ticket());
    client.send({ op: 'resume', since: `${Date.now() + 3_600_000}-0` });
    await client.until((f) => f.some((x) => x.event === 'resync_required'), 'resync_required');
    await client.close();
  });
});

describe('a new socket that sends nothing', () => {
  it('receives every frame after its welcome last_seq, those appended during the resume window included', async () => {
    const sut = await pod({ FANOUT_RESUME_WINDOW_MS: 300 });
    const appender = startAppender(sut.bus, 5);
    await waitFor(() => appender.ids.length >= 10, { what: '10 frames appended' });
    const client = await connect(sut.port, await ticket());
    await client.until((f) => f.length >= 1, 'welcome');
    const lastSeq = client.frames[0]!.data!.last_seq as string;
    await waitFor(() => appender.ids.length >= 150, { what: '150 frames appended' });
    const ids = await appender.stop();
    const expected = ids.slice(ids.indexOf(lastSeq) + 1);
    await client.until((f) => f.filter((x) => x.seq).length >= expected.length, 'every frame after last_seq');
    expect(client.seqs()).toEqual(expected);
    await client.close();
  });
});
