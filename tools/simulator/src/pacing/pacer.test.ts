import { describe, expect, it } from 'vitest';
import type { Outgoing } from '../payloads/types';
import type { Clock } from './clock';
import { pace } from './pacer';
import { at, type Scheduled } from './schedule';

/** Time passes only when the pacer sleeps (or a send says it took a while): exact and instant. */
function fakeClock() {
  let t = 0;
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => t,
    wall: () => new Date(Date.UTC(2025, 9, 16, 13, 30) + t),
    sleep: (ms) => {
      sleeps.push(ms);
      t += Math.max(0, ms);
      return Promise.resolve();
    },
  };
  return { clock, sleeps, advance: (ms: number) => (t += ms), now: () => t };
}

const msg = (i: number): Outgoing => ({ channel: 'tickstock:streaming:health', text: String(i), label: `m${i}` });
const everyMs = (count: number, stepMs: number): Scheduled[] => Array.from({ length: count }, (_, i) => at(i * stepMs, () => [msg(i)]));

async function run(schedule: Iterable<Scheduled> | AsyncIterable<Scheduled>, o: Partial<Parameters<typeof pace>[1]> & { sendMs?: number } = {}) {
  const f = fakeClock();
  const batches: { atMs: number; texts: string[] }[] = [];
  const result = await pace(schedule, {
    clock: f.clock,
    ...o,
    send: (batch) => {
      batches.push({ atMs: f.now(), texts: batch.map((m) => m.text) });
      if (o.sendMs) f.advance(o.sendMs);
      return Promise.resolve();
    },
  });
  return { result, batches, f };
}

describe(pace.name, () => {
  it('sends sparse messages each at its own time', async () => {
    const { batches, result } = await run([at(0, () => [msg(0)]), at(50, () => [msg(1)]), at(120, () => [msg(2)])]);
    expect(batches).toEqual([
      { atMs: 0, texts: ['0'] },
      { atMs: 50, texts: ['1'] },
      { atMs: 120, texts: ['2'] },
    ]);
    expect(result).toMatchObject({ completed: true, batches: 3, maxLagMs: 0 });
  });

  it('batches a dense schedule per tick instead of waking per message', async () => {
    // 1,000 messages/s for 1 s with a 10 ms tick: ~100 wake-ups, not 1,000.
    const { batches } = await run(everyMs(1000, 1), { tickMs: 10 });
    expect(batches.flatMap((b) => b.texts)).toEqual(Array.from({ length: 1000 }, (_, i) => String(i)));
    expect(batches.length).toBeGreaterThanOrEqual(99);
    expect(batches.length).toBeLessThanOrEqual(101);
    for (const b of batches) {
      for (const text of b.texts) {
        const due = Number(text);
        // Never early, never later than one tick.
        expect(b.atMs).toBeGreaterThanOrEqual(due);
        expect(b.atMs - due).toBeLessThanOrEqual(10);
      }
    }
  });

  it('catches up after a slow send instead of drifting', async () => {
    // Every send takes 30 ms while messages are due every 10 ms: the run still ends on time + one send.
    const { batches, result } = await run(everyMs(30, 10), { sendMs: 30 });
    expect(batches.flatMap((b) => b.texts)).toHaveLength(30);
    expect(batches.length).toBeLessThan(30);
    expect(result.elapsedMs).toBeLessThanOrEqual(290 + 30 + 30);
    // And says how late it ran.
    expect(result.maxLagMs).toBeGreaterThanOrEqual(20);
  });

  it('runs N times faster with speed N', async () => {
    const { batches } = await run([at(0, () => [msg(0)]), at(1000, () => [msg(1)]), at(3000, () => [msg(2)])], { speed: 10 });
    expect(batches.map((b) => b.atMs)).toEqual([0, 100, 300]);
  });

  it('sends everything at once with speed max, in bounded batches, yielding between them', async () => {
    const { batches, f } = await run(everyMs(2500, 1000), { speed: 'max', maxBatch: 1000 });
    expect(batches.map((b) => b.texts.length)).toEqual([1000, 1000, 500]);
    expect(f.sleeps).toEqual([0, 0]);
  });

  it('builds each payload when it is due, with the wall clock of that moment', async () => {
    const seen: number[] = [];
    const make = (now: Date) => {
      seen.push(now.getTime() - Date.UTC(2025, 9, 16, 13, 30));
      return [msg(0)];
    };
    await run([at(0, make), at(250, make)]);
    expect(seen).toEqual([0, 250]);
  });

  it('reads async schedules (replays) as well', async () => {
    async function* gen() {
      await Promise.resolve(); // as a file read would
      yield at(0, () => [msg(0)]);
      yield at(40, () => [msg(1)]);
    }
    const { batches } = await run(gen());
    expect(batches).toEqual([
      { atMs: 0, texts: ['0'] },
      { atMs: 40, texts: ['1'] },
    ]);
  });

  it('stops after the batch in flight when aborted, and says it did not complete', async () => {
    const abort = new AbortController();
    const f = fakeClock();
    let sent = 0;
    const result = await pace(everyMs(10, 100), {
      clock: f.clock,
      signal: abort.signal,
      send: () => {
        if (++sent === 3) abort.abort();
        return Promise.resolve();
      },
    });
    expect(sent).toBe(3);
    expect(result.completed).toBe(false);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses speed %s', async (speed) => {
    await expect(run(everyMs(1, 1), { speed })).rejects.toThrow(/speed/);
  });
});
