import { connectMemoryBus, createMemoryServer, type StreamEntry } from '@tickstock/bus';
import { createLogger } from '@tickstock/observability';
import { waitFor } from '@tickstock/testing';
import { describe, expect, it } from 'vitest';
import { createStreamReader } from './stream-reader';

const log = createLogger({ name: 't', level: 'silent' });

function setup() {
  const server = createMemoryServer();
  const bus = connectMemoryBus(server, { prefix: 't:' });
  const seen: string[] = [];
  const starts: string[] = [];
  const sut = createStreamReader({
    bus,
    stream: 'frames',
    log,
    blockMs: 50,
    onStart: (position) => void starts.push(position),
    onEntries: (entries: StreamEntry[]) => seen.push(...entries.map((e) => e.id)),
  });
  const append = () => bus.append('frames', { f: '{}' });
  return { server, bus, sut, seen, starts, append };
}

describe(createStreamReader.name, () => {
  it('starts after the last entry already in the stream and hands on the new ones in order', async () => {
    const { sut, seen, starts, append } = setup();
    const old = await append();
    await sut.start();
    expect(starts).toEqual([old]);
    const ids = [await append(), await append(), await append()];
    await waitFor(() => seen.length === 3, { what: 'three entries' });
    expect(seen).toEqual(ids);
    expect(sut.position()).toBe(ids[2]);
    await sut.stop();
    expect(sut.isRunning()).toBe(false);
  });

  it('continues where it stopped after an outage', async () => {
    const { server, sut, seen, append } = setup();
    await sut.start();
    const before = await append();
    await waitFor(() => seen.length === 1, { what: 'the first entry' });
    server.simulateOutage();
    await new Promise((r) => setTimeout(r, 120));
    server.endOutage();
    const after = [await append(), await append()];
    await waitFor(() => seen.length === 3, { what: 'the entries after the outage' });
    expect(seen).toEqual([before, ...after]);
    await sut.stop();
  });

  it('waits for the stream to be reachable before it starts', async () => {
    const { server, sut, starts } = setup();
    server.simulateOutage();
    const started = sut.start();
    await new Promise((r) => setTimeout(r, 150));
    expect(starts).toEqual([]);
    server.endOutage();
    await started;
    expect(starts).toEqual(['0-0']);
    await sut.stop();
  });
});
