import { describe, expect, it } from 'vitest';
import { createProgressBar, renderProgress } from './progress-bar';

describe(renderProgress.name, () => {
  it('shows the share of expected events, the count, the rate and the time', () => {
    expect(renderProgress({ messages: 0, events: 27_000, expectedEvents: 60_000, elapsedMs: 27_000, durationMs: 60_000 })).toBe(
      '[==============>               ]  45%  27000/60000 events  1000/s  27.0/60 s',
    );
  });

  it('is full and says 100% at the end', () => {
    expect(renderProgress({ messages: 0, events: 10, expectedEvents: 10, elapsedMs: 1000 })).toMatch(/^\[={30}\] 100% {2}10\/10 events/);
  });

  it('goes by time when the event count is unknown (a session), and never past full', () => {
    expect(renderProgress({ messages: 0, events: 5, elapsedMs: 30_000, durationMs: 60_000 })).toMatch(/ 50% {2}5 events/);
    expect(renderProgress({ messages: 0, events: 5, elapsedMs: 90_000, durationMs: 60_000 })).toMatch(/100%/);
  });

  it('shows an empty bar before anything is known', () => {
    expect(renderProgress({ messages: 0, events: 0, elapsedMs: 0 })).toBe(`[>${' '.repeat(29)}]   0%  0 events  0/s  0.0 s`);
  });
});

describe(createProgressBar.name, () => {
  const stream = (isTTY: boolean) => {
    const writes: string[] = [];
    return { writes, s: { isTTY, write: (t: string) => writes.push(t) } as unknown as NodeJS.WriteStream };
  };
  const p = (events: number) => ({ messages: events, events, elapsedMs: 1000, expectedEvents: 100 });

  it('draws nothing when stderr is not a terminal', () => {
    const { writes, s } = stream(false);
    const sut = createProgressBar(s);
    sut.update(p(1));
    sut.done();
    expect(writes).toEqual([]);
  });

  it('redraws in place at most every 100 ms, and ends with the final state and a newline', () => {
    const { writes, s } = stream(true);
    let t = 0;
    const sut = createProgressBar(s, () => t);
    sut.update(p(1));
    t = 50;
    sut.update(p(2));
    t = 150;
    sut.update(p(3));
    sut.update(p(4));
    sut.done();
    expect(writes.filter((w) => w.startsWith('\r')).map((w) => /(\d+)\/100/.exec(w)?.[1])).toEqual(['1', '3', '4']);
    expect(writes.at(-1)).toBe('\n');
  });
});
