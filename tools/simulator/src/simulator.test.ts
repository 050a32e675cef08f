// The simulator on the memory bus: the same Bus type it gets from Redis in production, with no
// network (the Redis runs are in test/).
import { createMemoryBus, type Bus } from '@tickstock/bus';
import { ALL_CHANNELS, CHANNELS, PRODUCER_HEARTBEAT_KEY } from '@tickstock/contracts';
import { describe, expect, it, vi } from 'vitest';
import { createSimulator } from './simulator';

function listen(bus: Bus) {
  const got: { channel: string; text: string }[] = [];
  bus.subscribe(ALL_CHANNELS, (channel, text) => got.push({ channel, text }));
  return got;
}

describe(createSimulator.name, () => {
  it('refuses a bus with a key prefix: the heartbeat key is TickStockPL’s own name', () => {
    expect(() => createSimulator({ bus: createMemoryBus({ prefix: 'tickstock:' }), scenario: { name: 'quick' } })).toThrow(/without a key prefix/);
  });

  it('publishes a whole scenario and reports it', async () => {
    const bus = createMemoryBus();
    const got = listen(bus);
    const sut = createSimulator({ bus, scenario: { name: 'quick' }, speed: 'max', seed: 1 });
    await sut.start();
    const report = await sut.finished;
    expect(got).toHaveLength(13);
    expect(report).toMatchObject({ scenario: 'quick', completed: true, messages: 13, events: 9, failed: 0 });
    expect(report.byChannel[CHANNELS.indicatorsStreaming]).toBe(5);
  });

  it('writes the heartbeat at start, unprefixed, as epoch seconds, and keeps it fresh', async () => {
    const bus = createMemoryBus();
    const sut = createSimulator({ bus, scenario: { name: 'session' }, heartbeatMs: 20 });
    const before = Date.now() / 1000;
    await sut.start();
    const first = Number(await bus.getRaw(PRODUCER_HEARTBEAT_KEY));
    expect(first).toBeGreaterThanOrEqual(before - 0.001);
    expect(first).toBeLessThanOrEqual(Date.now() / 1000);
    await vi.waitFor(async () => expect(Number(await bus.getRaw(PRODUCER_HEARTBEAT_KEY))).toBeGreaterThan(first), { timeout: 2000 });
    await sut.stop();
  });

  it('ends a session cut short with its session_stopped, and stops the heartbeat', async () => {
    const bus = createMemoryBus();
    const got = listen(bus);
    const sut = createSimulator({ bus, scenario: { name: 'session' }, heartbeatMs: 10 });
    await sut.start();
    await vi.waitFor(() => expect(got.length).toBeGreaterThan(0));
    const report = await sut.stop();
    expect(report.completed).toBe(false);
    expect(got[0]!.channel).toBe(CHANNELS.sessionStarted);
    expect(got.at(-1)!.channel).toBe(CHANNELS.sessionStopped);
    const last = await bus.getRaw(PRODUCER_HEARTBEAT_KEY);
    await new Promise((r) => setTimeout(r, 50));
    expect(await bus.getRaw(PRODUCER_HEARTBEAT_KEY)).toBe(last);
  });

  it('counts failed publishes and goes on, telling onError', async () => {
    const bus = createMemoryBus();
    const onError = vi.fn();
    const sut = createSimulator({ bus: { ...bus, publish: () => Promise.reject(new Error('down')) }, scenario: { name: 'quick' }, speed: 'max', onError });
    await sut.start();
    expect(await sut.finished).toMatchObject({ completed: true, messages: 0, failed: 13 });
    expect(onError).toHaveBeenCalledTimes(13);
  });

  it('fails to start when the heartbeat cannot be written, or the replay file is missing', async () => {
    const down = createMemoryBus();
    down.simulateOutage();
    await expect(createSimulator({ bus: down, scenario: { name: 'quick' } }).start()).rejects.toThrow(/down/);
    await expect(createSimulator({ bus: createMemoryBus(), scenario: { name: 'replay', file: '/nonexistent/day.jsonl' } }).start()).rejects.toThrow(/ENOENT/);
  });

  it('runs once', async () => {
    const sut = createSimulator({ bus: createMemoryBus(), scenario: { name: 'quick' }, speed: 'max' });
    await sut.start();
    await expect(sut.start()).rejects.toThrow(/runs once/);
    await sut.finished;
  });

  it('can be stopped before it starts', async () => {
    const sut = createSimulator({ bus: createMemoryBus(), scenario: { name: 'quick' } });
    expect(await sut.stop()).toMatchObject({ completed: false, messages: 0 });
  });
});
