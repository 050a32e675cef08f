import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeInBatches } from './close-in-batches';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe(closeInBatches.name, () => {
  it('closes in equal batches spread over the period, not all at once', async () => {
    const closed: number[][] = [];
    let tick: number[] = [];
    closed.push(tick);
    const done = closeInBatches(Array.from({ length: 10 }, (_, i) => i), { spreadMs: 500, minIntervalMs: 100, close: (i) => tick.push(i) });
    for (let t = 0; t < 4; t++) {
      tick = [];
      closed.push(tick);
      await vi.advanceTimersByTimeAsync(100);
    }
    await done;
    expect(closed).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
      [6, 7],
      [8, 9],
    ]);
  });

  it('spaces few items evenly over the whole period', async () => {
    const at: number[] = [];
    const start = Date.now();
    const done = closeInBatches(['a', 'b', 'c'], { spreadMs: 900, close: () => at.push(Date.now() - start) });
    await vi.advanceTimersByTimeAsync(900);
    await done;
    expect(at).toEqual([0, 300, 600]);
  });

  it('resolves at once with nothing to close', async () => {
    await expect(closeInBatches([], { spreadMs: 10_000, close: () => undefined })).resolves.toBeUndefined();
  });
});
