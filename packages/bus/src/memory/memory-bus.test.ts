import { describe, expect, it } from 'vitest';
import { describeBusContract } from '../../test/bus.contract';
import { connectMemoryBus, createMemoryBus } from './memory-bus';
import { createMemoryServer } from './memory-server';

// As with Redis: one server for the file, a bus with a prefix of its own per test.
const server = createMemoryServer();
let n = 0;
describeBusContract(
  'memory',
  ({ onError }) => ({
    sut: connectMemoryBus(server, { prefix: `m${++n}:`, onError }),
    outage: {
      begin: () => Promise.resolve(server.simulateOutage()),
      end: () => Promise.resolve(server.endOutage()),
    },
  }),
  { withOutage: true },
);

describe(createMemoryBus.name, () => {
  it('expires keys and leases on the injected clock', async () => {
    let now = 1_000;
    const sut = createMemoryBus({ now: () => now });
    await sut.set('k', 'v', { ttlMs: 100 });
    await sut.acquireLease('lease', 'a', 100);
    now += 99;
    expect(await sut.get('k')).toBe('v');
    expect(await sut.acquireLease('lease', 'b', 100)).toBe(false);
    now += 1;
    expect(await sut.get('k')).toBeNull();
    expect(await sut.acquireLease('lease', 'b', 100)).toBe(true);
  });

  it('keeps stream ids increasing when the clock goes backwards', async () => {
    let now = 5_000;
    const sut = createMemoryBus({ now: () => now });
    const a = await sut.append('s', { a: '1' });
    now = 4_000;
    const b = await sut.append('s', { b: '2' });
    expect([a, b]).toEqual(['5000-0', '5000-1']);
  });

  it('trims to exactly maxLen (one valid outcome of MAXLEN ~)', async () => {
    const sut = createMemoryBus();
    for (let i = 0; i < 20; i++) await sut.append('s', { i: String(i) }, { maxLen: 5 });
    expect((await sut.streamInfo('s')).length).toBe(5);
  });

  it('setRaw writes a key without the prefix, as TickStockPL writes its heartbeat', async () => {
    const sut = createMemoryBus({ prefix: 'p:' });
    await sut.setRaw('tickstock:producer:heartbeat', '1700000000.25');
    expect(await sut.getRaw('tickstock:producer:heartbeat')).toBe('1700000000.25');
    expect(await sut.get('tickstock:producer:heartbeat')).toBeNull();
  });
});
