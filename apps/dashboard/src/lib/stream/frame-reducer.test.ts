import type { ServerFrame } from '@tickstock/contracts';
import { describe, expect, it } from 'vitest';
import { reduceFrame } from './frame-reducer';
import { criticalAlert, frames, health, indicator, indicatorAlert, pattern, session } from './testing/frames';

describe(reduceFrame.name, () => {
  it('welcome: session, health and the position to resume from', () => {
    const d = reduceFrame(frames.welcome('5-0', session(), health()));
    expect(d.session?.session_id).toBe('s1');
    expect(d.health?.status).toBe('healthy');
    expect(d.welcome?.lastSeq).toBe('5-0');
    expect(d.events).toBe(0);
  });

  it('a welcome without session or health changes neither (the pod may not know them yet)', () => {
    const d = reduceFrame(frames.welcome('5-0', null, null));
    expect(d.session).toBeUndefined();
    expect(d.health).toBeUndefined();
  });

  it('a patterns batch: one row per item, each counted as an event, dropped passed on', () => {
    const d = reduceFrame(frames.patterns('1-0', [pattern({ id: 'a' }), pattern({ id: 'b', symbol: 'AAPL' })], 3));
    expect(d.patterns.map((p) => [p.id, p.symbol, p.pattern])).toEqual([
      ['a', 'NVDA', 'Doji'],
      ['b', 'AAPL', 'Doji'],
    ]);
    expect(d.events).toBe(2);
    expect(d.dropped).toBe(3);
  });

  it('a priority pattern sent on its own keeps its priority', () => {
    expect(reduceFrame(frames.pattern('1-0', pattern({ priority: 'high', confidence: 0.93 }))).patterns[0]?.priority).toBe('high');
  });

  it('an indicators batch keeps named values (MACD) as they are', () => {
    const d = reduceFrame(frames.indicators('1-0', [indicator({ indicator_type: 'MACD', value: null, values: { macd: 1.2, signal: 0.9, histogram: 0.3 } })]));
    expect(d.indicators[0]).toMatchObject({ key: 'NVDA:MACD', value: null, values: { macd: 1.2, signal: 0.9, histogram: 0.3 } });
  });

  it('indicator, critical and pattern alerts become alert rows of their kind', () => {
    expect(reduceFrame(frames.indicatorAlert('1-0', indicatorAlert())).alerts[0]).toMatchObject({ kind: 'indicator', type: 'RSI_OVERBOUGHT', symbol: 'NVDA' });
    expect(reduceFrame(frames.criticalAlert('1-0', criticalAlert())).alerts[0]).toMatchObject({ kind: 'critical', message: 'Market data feed lost', symbol: null });
    const envelope: ServerFrame = {
      event: 'pattern_alert',
      data: { id: 'e1', symbol: 'TSLA', pattern: 'BreakoutUp', confidence: 0.9, timestamp: '2026-01-05T14:30:00.000Z', source: 'tickstockpl', event_type: 'pattern_detected', data: {} },
    };
    expect(reduceFrame(envelope).alerts[0]).toMatchObject({ kind: 'pattern', type: 'BreakoutUp', symbol: 'TSLA' });
  });

  it('session started and stopped', () => {
    expect(reduceFrame(frames.started('1-0', session({ session_id: 's9' }))).session?.session_id).toBe('s9');
    expect(reduceFrame(frames.stopped('2-0', 's9')).stopped).toMatchObject({ session_id: 's9', final_status: 'completed' });
  });

  it('resync_required and error are passed on for the page to act on', () => {
    expect(reduceFrame(frames.resync('gone')).resync).toBe('gone');
    expect(reduceFrame({ event: 'error', data: { code: 'BAD_SEQ', message: 'nope' } }).error).toEqual({ code: 'BAD_SEQ', message: 'nope' });
  });

  it('skips a malformed batch item and keeps the rest', () => {
    const frame = frames.patterns('1-0', [pattern({ id: 'ok' })]);
    (frame as unknown as { data: { patterns: unknown[] } }).data.patterns.unshift(null, { type: 'streaming_pattern' });
    expect(reduceFrame(frame).patterns.map((p) => p.id)).toEqual(['ok']);
  });

  it('ignores an event newer than this page instead of failing', () => {
    const d = reduceFrame({ event: 'something_new', data: {} } as unknown as ServerFrame);
    expect(d).toMatchObject({ patterns: [], indicators: [], alerts: [], events: 0 });
  });
});
