import { describe, expect, it } from 'vitest';
import { createLiveModel } from './live-model';
import { patternRowFromRecord } from './rows';
import { at, criticalAlert, frames, health, indicator, pattern, session } from './testing/frames';

const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id);

describe(createLiveModel.name, () => {
  it('lists patterns newest first by event time', () => {
    const sut = createLiveModel();
    sut.apply(frames.patterns('1-0', [pattern({ id: 'old', timestamp: at(1) }), pattern({ id: 'new', timestamp: at(3) })]), 0);
    sut.apply(frames.pattern('2-0', pattern({ id: 'mid', timestamp: at(2) })), 0);
    expect(ids(sut.snapshot().patterns)).toEqual(['new', 'mid', 'old']);
  });

  it('skips a frame whose seq is not after the last one applied (a resume that overlaps)', () => {
    const sut = createLiveModel();
    sut.apply(frames.patterns('1-0', [pattern({ id: 'a' })]), 0);
    sut.apply(frames.patterns('2-0', [pattern({ id: 'b' })]), 0);
    const replay = [frames.patterns('1-0', [pattern({ id: 'a' })]), frames.patterns('2-0', [pattern({ id: 'b' })]), frames.patterns('3-0', [pattern({ id: 'c' })])];
    const applied = replay.map((f) => sut.apply(f, 0).applied);
    expect(applied).toEqual([false, false, true]);
    expect(ids(sut.snapshot().patterns).sort()).toEqual(['a', 'b', 'c']);
    expect(sut.snapshot().lastSeq).toBe('3-0');
    expect(sut.snapshot().totals.patterns).toBe(3);
  });

  it('shows a pattern once when the same id comes again in another frame', () => {
    const sut = createLiveModel();
    sut.apply(frames.patterns('1-0', [pattern({ id: 'x' })]), 0);
    sut.apply(frames.pattern('2-0', pattern({ id: 'x' })), 0);
    sut.apply(frames.patterns(undefined, [pattern({ id: 'x' }), pattern({ id: 'x' })]), 0);
    expect(ids(sut.snapshot().patterns)).toEqual(['x']);
  });

  it('deduplicates REST seeds against live rows both ways', () => {
    const sut = createLiveModel();
    sut.apply(frames.patterns('1-0', [pattern({ id: 'live' })]), 0);
    const record = { ...pattern({ id: 'live' }), priority: undefined };
    sut.seed({ patterns: [patternRowFromRecord(record), patternRowFromRecord({ ...record, id: 'rest' })] });
    sut.apply(frames.patterns('2-0', [pattern({ id: 'rest' })]), 0);
    expect(ids(sut.snapshot().patterns).sort()).toEqual(['live', 'rest']);
  });

  it('merges many one-pattern frames into the table once, newest first, when the snapshot is read', () => {
    const sut = createLiveModel({ maxPatterns: 4 });
    const before = sut.snapshot().patterns;
    for (let i = 0; i < 6; i++) sut.apply(frames.pattern(`${i + 1}-0`, pattern({ id: `p${i}`, timestamp: at(i % 3 === 0 ? 10 + i : i) })), 0);
    const first = sut.snapshot().patterns;
    expect(first).not.toBe(before);
    expect(ids(first)).toEqual(['p3', 'p0', 'p5', 'p4']);
    expect(sut.snapshot().patterns).toBe(first); // nothing new: the same table, nothing re-rendered
  });

  it('stays bounded while nobody reads it (a background tab gets no animation frames)', () => {
    const sut = createLiveModel({ maxPatterns: 3 });
    for (let i = 0; i < 10; i++) sut.apply(frames.pattern(`${i + 1}-0`, pattern({ id: `p${i}`, timestamp: at(i) })), 0);
    expect(sut.lastSeq()).toBe('10-0');
    expect(ids(sut.snapshot().patterns)).toEqual(['p9', 'p8', 'p7']);
  });

  it('does not show a REST row twice when its id left the ring of recent ids but the row is still in the table', () => {
    const sut = createLiveModel({ maxPatterns: 2, maxAlerts: 2, maxIndicators: 1 }); // a ring of 100 ids
    sut.apply(frames.criticalAlert('1-0', criticalAlert({ id: 'c-old', timestamp: at(100) })), 0);
    for (let i = 0; i < 150; i++) sut.apply(frames.indicators(`${i + 2}-0`, [indicator({ id: `i${i}`, timestamp: at(i) })]), 0);
    sut.seed({ alerts: [{ id: 'c-old', kind: 'critical', type: 'X', symbol: null, severity: 'critical', message: 'm', data: {}, timestamp: at(100) }] });
    expect(ids(sut.snapshot().alerts)).toEqual(['c-old']);
    const record = { ...pattern({ id: 'p-old', timestamp: at(200) }), priority: undefined };
    sut.apply(frames.pattern('200-0', pattern({ id: 'p-old', timestamp: at(200) })), 0);
    for (let i = 0; i < 150; i++) sut.apply(frames.indicators(`${i + 300}-0`, [indicator({ id: `j${i}`, timestamp: at(i) })]), 0);
    sut.seed({ patterns: [patternRowFromRecord(record)] });
    expect(ids(sut.snapshot().patterns)).toEqual(['p-old']);
  });

  it('does not show a live row twice when its id comes again after the ring of recent ids forgot it', () => {
    const sut = createLiveModel({ maxPatterns: 2, maxAlerts: 2, maxIndicators: 1 }); // a ring of 20 ids
    sut.apply(frames.criticalAlert('1-0', criticalAlert({ id: 'c1', timestamp: at(100) })), 0);
    sut.apply(frames.pattern('2-0', pattern({ id: 'p1', timestamp: at(100) })), 0);
    for (let i = 0; i < 50; i++) sut.apply(frames.indicators(`${i + 3}-0`, [indicator({ id: `i${i}`, timestamp: at(i) })]), 0);
    sut.apply(frames.resync(), 0); // the stream was reset: seqs start over, only ids tell repeats apart
    sut.apply(frames.criticalAlert('1-0', criticalAlert({ id: 'c1', timestamp: at(100) })), 0);
    sut.apply(frames.pattern('2-0', pattern({ id: 'p1', timestamp: at(100) })), 0);
    expect([ids(sut.snapshot().alerts), ids(sut.snapshot().patterns), ids(sut.snapshot().criticals)]).toEqual([['c1'], ['p1'], ['c1']]);
  });

  it('takes back a row cut from its table once the ring forgot it (the tables do not remember what they dropped)', () => {
    const sut = createLiveModel({ maxPatterns: 2, maxAlerts: 1, maxIndicators: 1 }); // a ring of 16 ids
    sut.apply(frames.patterns('1-0', [pattern({ id: 'old', timestamp: at(0) }), pattern({ id: 'b', timestamp: at(5) }), pattern({ id: 'c', timestamp: at(6) })]), 0);
    expect(ids(sut.snapshot().patterns)).toEqual(['c', 'b']);
    for (let i = 0; i < 20; i++) sut.apply(frames.indicators(`${i + 2}-0`, [indicator({ id: `i${i}` })]), 0);
    const record = { ...pattern({ id: 'old', timestamp: at(9) }), priority: undefined };
    sut.seed({ patterns: [patternRowFromRecord(record)] });
    expect(ids(sut.snapshot().patterns)).toEqual(['old', 'c']);
  });

  it('keeps at most maxPatterns rows, dropping the oldest', () => {
    const sut = createLiveModel({ maxPatterns: 3 });
    for (let i = 0; i < 6; i++) sut.apply(frames.pattern(`${i + 1}-0`, pattern({ id: `p${i}`, timestamp: at(i) })), 0);
    expect(ids(sut.snapshot().patterns)).toEqual(['p5', 'p4', 'p3']);
  });

  it('takes the resume position from the first welcome only', () => {
    const sut = createLiveModel();
    sut.apply(frames.welcome('10-0'), 0);
    expect(sut.snapshot().lastSeq).toBe('10-0');
    sut.apply(frames.patterns('11-0', [pattern()]), 0);
    sut.apply(frames.welcome('50-0'), 0); // a reconnect: the page resumes from what it has
    expect(sut.snapshot().lastSeq).toBe('11-0');
  });

  it('after resync_required accepts frames with lower seqs (the stream may have been reset)', () => {
    const sut = createLiveModel();
    sut.apply(frames.patterns('900-0', [pattern({ id: 'a' })]), 0);
    sut.apply(frames.resync(), 5);
    expect(sut.snapshot().resync).toMatchObject({ at: 5 });
    expect(sut.apply(frames.patterns('3-0', [pattern({ id: 'b' })]), 0).applied).toBe(true);
  });

  it('keeps the latest indicator per symbol and type, ordered by symbol then type', () => {
    const sut = createLiveModel();
    sut.apply(frames.indicators('1-0', [indicator({ id: '1', symbol: 'NVDA', indicator_type: 'RSI', value: 50, timestamp: at(1) }), indicator({ id: '2', symbol: 'AAPL', indicator_type: 'SMA', timestamp: at(1) })]), 0);
    sut.apply(frames.indicators('2-0', [indicator({ id: '3', symbol: 'NVDA', indicator_type: 'RSI', value: 61, timestamp: at(2) })]), 0);
    sut.apply(frames.indicators('3-0', [indicator({ id: '4', symbol: 'NVDA', indicator_type: 'RSI', value: 40, timestamp: at(0) })]), 0); // late, older
    expect(sut.snapshot().indicators.map((r) => [r.key, r.value])).toEqual([
      ['AAPL:SMA', 55],
      ['NVDA:RSI', 61],
    ]);
  });

  it('puts live critical alerts in the banner list, but not critical alerts from REST history', () => {
    const sut = createLiveModel();
    sut.seed({ alerts: [{ id: 'old', kind: 'critical', type: 'X', symbol: null, severity: 'critical', message: 'm', data: {}, timestamp: at(0) }] });
    sut.apply(frames.criticalAlert('1-0', criticalAlert({ id: 'c1' })), 0);
    expect(ids(sut.snapshot().criticals)).toEqual(['c1']);
    expect(ids(sut.snapshot().alerts).sort()).toEqual(['c1', 'old']);
    sut.dismissCritical('c1');
    expect(sut.snapshot().criticals).toEqual([]);
  });

  it('follows the session: started, stopped, and a new one clears the stop', () => {
    const sut = createLiveModel();
    sut.apply(frames.started('1-0', session({ session_id: 's1' })), 0);
    sut.apply(frames.stopped('2-0', 's1'), 0);
    expect(sut.snapshot().stopped?.session_id).toBe('s1');
    sut.apply(frames.started('3-0', session({ session_id: 's2' })), 0);
    expect(sut.snapshot()).toMatchObject({ session: { session_id: 's2' }, stopped: null });
  });

  it('does not let an older REST health report replace the live one', () => {
    const sut = createLiveModel();
    sut.apply(frames.health('1-0', health({ timestamp: at(10), status: 'degraded' })), 0);
    sut.seedStatus({ session: null, health: health({ timestamp: at(5), status: 'healthy' }) });
    expect(sut.snapshot().health?.status).toBe('degraded');
  });

  it('counts dropped items the server reports and stamps the last update', () => {
    const sut = createLiveModel();
    sut.apply(frames.patterns('1-0', [pattern()], 7), 1234);
    expect(sut.snapshot()).toMatchObject({ totals: { dropped: 7 }, lastUpdate: 1234 });
  });
});
