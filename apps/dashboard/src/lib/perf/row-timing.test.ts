import { describe, expect, it } from 'vitest';
import { patternRow, indicatorRow } from '../stream/rows';
import { at, indicator, pattern } from '../stream/testing/frames';
import { createRowTiming, ROW_MEASURE, rowTiming, type RowTimingDetail } from './row-timing';

const ORIGIN = Date.parse(at(-10)); // the page opened 10 s before the first event

function harness() {
  let t = 0;
  const queued: (() => void)[] = [];
  const measures: { name: string; start: number; end: number; detail: RowTimingDetail }[] = [];
  const sut = createRowTiming({
    origin: ORIGIN,
    now: () => t,
    afterPaint: (flush) => queued.push(flush),
    measure: (name, o) => measures.push({ name, start: o.start as number, end: o.end as number, detail: o.detail as RowTimingDetail }),
  });
  const show = (id: string) => sut.listed([{ id }]);
  return { sut, measures, show, paint: () => queued.splice(0).forEach((f) => f()), queued, setNow: (ms: number) => (t = ms) };
}

describe(createRowTiming.name, () => {
  it('measures a live row from its producer timestamp to the paint after it was shown', () => {
    const h = harness();
    h.setNow(10_040); // 40 ms after the event's producer timestamp
    h.sut.arrived('streaming_pattern', { patterns: [patternRow(pattern({ id: 'p1', timestamp: at(0) }))], indicators: [] });
    h.setNow(10_050);
    h.show('p1');
    h.setNow(10_062);
    h.paint();
    expect(h.measures).toEqual([
      {
        name: ROW_MEASURE,
        start: 10_000,
        end: 10_062,
        detail: { id: 'p1', table: 'patterns', via: 'streaming_pattern', published: ORIGIN + 10_000, received: ORIGIN + 10_040, shown: ORIGIN + 10_062 },
      },
    ]);
  });

  it('schedules one after-paint task for every row shown in a frame', () => {
    const h = harness();
    const rows = ['a', 'b', 'c'].map((id) => indicatorRow(indicator({ id, symbol: id.toUpperCase() })));
    h.sut.arrived('streaming_indicators_batch', { patterns: [], indicators: rows });
    h.sut.listed(rows);
    expect(h.queued).toHaveLength(1);
    h.paint();
    expect(h.measures.map((m) => [m.detail.id, m.detail.table, m.detail.via])).toEqual([
      ['a', 'indicators', 'streaming_indicators_batch'],
      ['b', 'indicators', 'streaming_indicators_batch'],
      ['c', 'indicators', 'streaming_indicators_batch'],
    ]);
  });

  it('measures a row once, and never a row that did not arrive live (a REST seed)', () => {
    const h = harness();
    h.sut.arrived('streaming_patterns_batch', { patterns: [patternRow(pattern({ id: 'live' }))], indicators: [] });
    h.show('live');
    h.show('seeded');
    h.paint();
    h.show('live'); // re-rendered later: already measured
    h.paint();
    expect(h.measures.map((m) => m.detail.id)).toEqual(['live']);
  });

  it('forgets the oldest rows that never reached a table past maxPending', () => {
    const measures: string[] = [];
    const sut = createRowTiming({ maxPending: 2, afterPaint: (f) => f(), measure: (_n, o) => measures.push((o.detail as RowTimingDetail).id) });
    sut.arrived('streaming_patterns_batch', { patterns: ['x', 'y', 'z'].map((id) => patternRow(pattern({ id }))), indicators: [] });
    sut.listed(['x', 'y', 'z'].map((id) => ({ id })));
    expect(measures).toEqual(['y', 'z']);
  });

  it('starts a measure no earlier than the time origin; detail keeps the exact times', () => {
    const h = harness();
    h.sut.arrived('streaming_pattern', { patterns: [patternRow(pattern({ id: 'early', timestamp: at(-11) }))], indicators: [] });
    h.show('early');
    h.paint();
    expect(h.measures[0]).toMatchObject({ start: 0, detail: { published: ORIGIN - 1_000 } });
  });
});

describe(rowTiming.name, () => {
  it('is off without the flag (no browser storage here): nothing noted, nothing measured', () => {
    const sut = rowTiming();
    expect(sut.on).toBe(false);
    sut.arrived('streaming_pattern', { patterns: [patternRow(pattern({ id: 'p1' }))], indicators: [] });
    expect(() => sut.listed([{ id: 'p1' }])).not.toThrow();
  });
});
