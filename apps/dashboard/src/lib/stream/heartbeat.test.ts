import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHeartbeat } from './heartbeat';

function setup() {
  const calls: string[] = [];
  const sut = createHeartbeat({ quietMs: 1_000, timeoutMs: 500, ping: () => calls.push('ping'), dead: () => calls.push('dead') });
  return { sut, calls };
}

describe(createHeartbeat.name, () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('pings after quietMs without a frame, and declares the line dead timeoutMs later', () => {
    const { sut, calls } = setup();
    sut.arm();
    vi.advanceTimersByTime(999);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['ping']);
    vi.advanceTimersByTime(500);
    expect(calls).toEqual(['ping', 'dead']);
  });

  it('counts the quiet from the last frame, however many came before', () => {
    const { sut, calls } = setup();
    for (let t = 0; t < 5_000; t += 10) {
      sut.arm();
      vi.advanceTimersByTime(10);
    }
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(989);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['ping']);
  });

  it('keeps one timer while frames stream in, not one per frame', () => {
    const { sut } = setup();
    const set = vi.spyOn(globalThis, 'setTimeout');
    for (let i = 0; i < 100; i++) {
      sut.arm();
      vi.advanceTimersByTime(10);
    }
    expect(set.mock.calls.length).toBeLessThanOrEqual(2); // the first arm, then one re-check after a second
    set.mockRestore();
  });

  it('a frame after the ping (the pong) keeps the line alive', () => {
    const { sut, calls } = setup();
    sut.arm();
    vi.advanceTimersByTime(1_000);
    sut.arm();
    vi.advanceTimersByTime(900);
    expect(calls).toEqual(['ping']);
    vi.advanceTimersByTime(100);
    expect(calls).toEqual(['ping', 'ping']);
  });

  it('does nothing once stopped', () => {
    const { sut, calls } = setup();
    sut.arm();
    sut.stop();
    vi.advanceTimersByTime(10_000);
    expect(calls).toEqual([]);
  });
});
