import { describe, expect, it } from 'vitest';
import { patternsFrame, priorityFrame, criticalFrame, sessionFrame, session } from '../../test/helpers/frames';
import { prepareFrame, type PreparedFrame } from '../stream/prepared-frame';
import { applySubscribe, defaultSubscription } from './subscription';
import { textsFor, topicsOf } from './topics';

let seq = 0;
const prepared = (frame: unknown): PreparedFrame => {
  const r = prepareFrame({ id: `1000-${seq++}`, fields: { f: JSON.stringify(frame) } });
  if (!r.ok) throw new Error(r.reason);
  return r.frame;
};

describe(topicsOf.name, () => {
  it('is one topic per stream taking every symbol, and per stream+symbol (plus the symbol-less one) when narrowed', () => {
    const sub = defaultSubscription();
    applySubscribe(sub, { streams: ['patterns'], symbols: ['NVDA', 'AAPL'] });
    expect(topicsOf(sub).sort()).toEqual(['alerts', 'events', 'health', 'indicators', 'patterns:', 'patterns:AAPL', 'patterns:NVDA', 'session'].sort());
  });
});

describe(textsFor.name, () => {
  it('gives the whole frame to a socket taking every symbol', () => {
    const frame = prepared(patternsFrame(['NVDA', 'AAPL']));
    expect(textsFor(defaultSubscription(), frame)).toEqual([frame.text]);
  });

  it('gives a narrowed socket one text per subscribed symbol, holding only its items', () => {
    const sub = defaultSubscription();
    applySubscribe(sub, { streams: ['patterns'], symbols: ['NVDA', 'MSFT'] });
    const texts = textsFor(sub, prepared(patternsFrame(['NVDA', 'AAPL', 'NVDA'])));
    expect(texts).toHaveLength(1);
    const parsed = JSON.parse(texts[0]!) as { data: { count: number; patterns: { detection: { symbol: string } }[] } };
    expect(parsed.data.count).toBe(2);
    expect(parsed.data.patterns.map((p) => p.detection.symbol)).toEqual(['NVDA', 'NVDA']);
  });

  it('leaves out a single frame about another symbol and keeps symbol-less frames', () => {
    const sub = defaultSubscription();
    applySubscribe(sub, { streams: ['patterns', 'alerts'], symbols: ['NVDA'] });
    expect(textsFor(sub, prepared(priorityFrame('AAPL')))).toEqual([]);
    expect(textsFor(sub, prepared(priorityFrame('NVDA')))).toHaveLength(1);
    expect(textsFor(sub, prepared(criticalFrame()))).toHaveLength(1);
  });

  it('gives nothing for a stream the socket does not take', () => {
    const sub = defaultSubscription();
    sub.delete('session');
    expect(textsFor(sub, prepared(sessionFrame(session())))).toEqual([]);
  });
});
