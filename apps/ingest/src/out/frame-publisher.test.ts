import { createMemoryBus } from '@tickstock/bus';
import { FENCE_FIELD, FRAME_FIELD, SERVICE_KEYS, type ServerFrame } from '@tickstock/contracts';
import { describe, expect, it, vi } from 'vitest';
import { createFramePublisher, type FrameInfo } from './frame-publisher';

const health = (n: number): ServerFrame => ({ event: 'system_health', data: { timestamp: `2026-11-28T00:00:0${n}.000Z` } }) as unknown as ServerFrame;
const timestampOf = (text: string | undefined) => (JSON.parse(text ?? '{}') as { data: { timestamp: string } }).data.timestamp;

function setup() {
  const bus = createMemoryBus();
  const appended: { info: FrameInfo; id: string }[] = [];
  const fenced: FrameInfo[] = [];
  const errors: unknown[] = [];
  const sut = createFramePublisher(bus, {
    maxLen: 1000,
    hooks: { onAppended: (info, id) => appended.push({ info, id }), onFenced: (info) => fenced.push(info), onError: (err) => errors.push(err) },
  });
  const batch = vi.spyOn(bus, 'appendFencedBatch');
  const frames = async () => (await bus.range(SERVICE_KEYS.framesStream, '0', 100)).map((e) => ({ id: e.id, text: e.fields[FRAME_FIELD], fence: e.fields[FENCE_FIELD] }));
  return { bus, sut, batch, appended, fenced, errors, frames };
}

describe(createFramePublisher.name, () => {
  it('appends the frames of one task as one fenced batch, in order, each with its own id', async () => {
    const { bus, sut, batch, appended, errors, frames } = setup();
    await bus.acquireLease(SERVICE_KEYS.ingestLeaderLease, 'me', 10_000);
    sut.setTerm({ owner: 'me', fence: 3 });
    for (let n = 0; n < 3; n++) sut.publish(health(n));
    await sut.settled();
    expect(batch).toHaveBeenCalledTimes(1);
    const stored = await frames();
    expect(errors).toEqual([]);
    expect(stored.map((f) => timestampOf(f.text))).toEqual(['2026-11-28T00:00:00.000Z', '2026-11-28T00:00:01.000Z', '2026-11-28T00:00:02.000Z']);
    expect(stored.every((f) => f.fence === '3')).toBe(true);
    expect(appended.map((a) => a.id)).toEqual(stored.map((f) => f.id));
  });

  it('sends what waits under the old term before a new term starts, and counts a fenced batch frame by frame', async () => {
    const { bus, sut, batch, appended, fenced, frames } = setup();
    await bus.acquireLease(SERVICE_KEYS.ingestLeaderLease, 'me', 10_000);
    sut.setTerm({ owner: 'me', fence: 3 });
    sut.publish(health(1));
    sut.setTerm({ owner: 'someone-else', fence: 4 }); // the lease is still "me"'s: this term's frames are refused
    sut.publish(health(2));
    sut.publish(health(3));
    await sut.settled();
    expect(batch).toHaveBeenCalledTimes(2);
    expect((await frames()).map((f) => f.fence)).toEqual(['3']);
    expect(appended).toHaveLength(1);
    expect(fenced.map((f) => f.event)).toEqual(['system_health', 'system_health']);
  });

  it('publishes nothing without a term', async () => {
    const { sut, batch, frames } = setup();
    sut.publish(health(1));
    await sut.settled();
    expect(batch).not.toHaveBeenCalled();
    expect(await frames()).toEqual([]);
  });
});
