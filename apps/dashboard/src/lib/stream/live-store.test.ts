import { get } from 'svelte/store';
import { describe, expect, it } from 'vitest';
import { createLiveStore } from './live-store';
import { frames, pattern } from './testing/frames';

function manualSchedule() {
  const queue: (() => void)[] = [];
  return { schedule: (f: () => void) => queue.push(f), flush: () => queue.splice(0).forEach((f) => f()), get pending() { return queue.length; } };
}

describe(createLiveStore.name, () => {
  it('tells subscribers once per animation frame however many frames arrived', () => {
    const frameClock = manualSchedule();
    const sut = createLiveStore({ schedule: frameClock.schedule, now: () => 5_000 });
    let notified = 0;
    const stop = sut.subscribe(() => notified++);
    notified = 0;
    for (let i = 0; i < 50; i++) sut.push(frames.pattern(`${i + 1}-0`, pattern({ id: `p${i}` })));
    expect(frameClock.pending).toBe(1);
    frameClock.flush();
    expect(notified).toBe(1);
    expect(get(sut).patterns).toHaveLength(50);
    stop();
  });

  it('renders at least the render interval apart, waiting on a timer rather than on animation frames', () => {
    const frameClock = manualSchedule();
    const timers: [() => void, number][] = [];
    let t = 1_000;
    const sut = createLiveStore({ schedule: frameClock.schedule, clock: () => t, delay: (fn, ms) => void timers.push([fn, ms]), minIntervalMs: 33 });
    let notified = 0;
    const stop = sut.subscribe(() => notified++);
    notified = 0;
    sut.push(frames.pattern('1-0', pattern({ id: 'a' })));
    frameClock.flush(); // the first render goes out on the next animation frame
    expect(notified).toBe(1);
    t += 16;
    sut.push(frames.pattern('2-0', pattern({ id: 'b' })));
    sut.push(frames.pattern('3-0', pattern({ id: 'c' })));
    expect(frameClock.pending).toBe(0); // no animation frame asked for while it would go unused
    expect(timers.map(([, ms]) => ms)).toEqual([13]); // 33 ms after the render, less 4 ms of vsync slack
    t += 13;
    timers.shift()![0]();
    frameClock.flush();
    expect(notified).toBe(2);
    expect(get(sut).patterns.map((p) => p.id).sort()).toEqual(['a', 'b', 'c']);
    t += 100;
    sut.push(frames.pattern('4-0', pattern({ id: 'd' }))); // long after: straight to the next frame
    expect([frameClock.pending, timers.length]).toEqual([1, 0]);
    stop();
  });

  it('counts received events for the events/s card and the sparkline', () => {
    const frameClock = manualSchedule();
    let now = 10_000;
    const sut = createLiveStore({ schedule: frameClock.schedule, now: () => now, rateWindowSeconds: 3 });
    sut.push(frames.patterns('1-0', [pattern({ id: 'a' }), pattern({ id: 'b' }), pattern({ id: 'c' })]));
    now = 11_000;
    sut.tick();
    frameClock.flush();
    expect(get(sut)).toMatchObject({ eventsPerSecond: 3, rateSeries: [0, 0, 3] });
  });

  it('rebuilds the events/s figures once a second, not on every render', () => {
    const frameClock = manualSchedule();
    let now = 10_000;
    const sut = createLiveStore({ schedule: frameClock.schedule, now: () => now, rateWindowSeconds: 3, minIntervalMs: 0 });
    sut.push(frames.patterns('1-0', [pattern({ id: 'a' })]));
    now = 11_100;
    sut.tick();
    frameClock.flush();
    const series = get(sut).rateSeries;
    sut.push(frames.patterns('2-0', [pattern({ id: 'b' })]));
    now = 11_900;
    frameClock.flush();
    expect(get(sut).rateSeries).toBe(series); // the same array: the chart is not redrawn
    now = 12_000;
    sut.tick();
    frameClock.flush();
    expect(get(sut)).toMatchObject({ eventsPerSecond: 1, rateSeries: [0, 1, 1] });
  });

  it('does not count or re-render a duplicate frame', () => {
    const frameClock = manualSchedule();
    const sut = createLiveStore({ schedule: frameClock.schedule });
    sut.push(frames.pattern('1-0', pattern()));
    frameClock.flush();
    expect(sut.push(frames.pattern('1-0', pattern())).applied).toBe(false);
    expect(frameClock.pending).toBe(0);
  });

  it('hands the live rows each frame added to the row timing, when it is on', () => {
    const arrived: [string, string[]][] = [];
    const timing = { on: true, arrived: (event: string, d: { patterns: readonly { id: string }[] }) => void arrived.push([event, d.patterns.map((p) => p.id)]), listed: () => undefined };
    const sut = createLiveStore({ schedule: manualSchedule().schedule, timing });
    sut.push(frames.patterns('1-0', [pattern({ id: 'a' }), pattern({ id: 'b' })]));
    sut.push(frames.patterns('1-0', [pattern({ id: 'c' })])); // a duplicate frame: not applied
    expect(arrived).toEqual([['streaming_patterns_batch', ['a', 'b']]]);
  });

  it('shows the connection state it is given', () => {
    const frameClock = manualSchedule();
    const sut = createLiveStore({ schedule: frameClock.schedule });
    sut.setConnection({ phase: 'reconnecting', retryAt: 9, attempt: 2, reason: 'connection lost' });
    frameClock.flush();
    expect(get(sut).connection.phase).toBe('reconnecting');
  });
});
