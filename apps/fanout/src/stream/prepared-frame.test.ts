import { describe, expect, it } from 'vitest';
import { criticalFrame, indicatorsFrame, patternsFrame, priorityFrame } from '../../test/helpers/frames';
import { partFor, prepareFrame } from './prepared-frame';

const entry = (frame: unknown, id = '1700000000123-4') => ({ id, fields: { f: JSON.stringify(frame), fence: '1' } });

describe(prepareFrame.name, () => {
  it('splices the seq into the ingest JSON: the same frame plus seq, not re-serialized', () => {
    const frame = patternsFrame(['NVDA']);
    const r = prepareFrame(entry(frame));
    if (!r.ok) throw new Error(r.reason);
    expect(JSON.parse(r.frame.text)).toEqual({ ...frame, seq: '1700000000123-4' });
    expect(r.frame.text.endsWith(JSON.stringify(frame).slice(1))).toBe(true);
    expect(r.frame.appendedMs).toBe(1700000000123);
    expect(r.frame.stream).toBe('patterns');
  });

  it('lists the distinct upper-case symbols of a batch, and the symbol of a single frame', () => {
    const batch = prepareFrame(entry(indicatorsFrame(['nvda', 'AAPL', 'NVDA'])));
    const single = prepareFrame(entry(priorityFrame('TSLA')));
    const critical = prepareFrame(entry(criticalFrame()));
    expect(batch.ok && batch.frame.symbols).toEqual(['NVDA', 'AAPL']);
    expect(single.ok && single.frame.symbols).toEqual(['TSLA']);
    expect(critical.ok && critical.frame.symbols).toEqual([]);
  });

  it.each([
    ['no frame field', { id: '1-0', fields: { fence: '1' } }],
    ['not JSON', { id: '1-0', fields: { f: '{nope' } }],
    ['no event', { id: '1-0', fields: { f: '{"data":{}}' } }],
    ['a control event', { id: '1-0', fields: { f: '{"event":"welcome","data":{}}' } }],
    ['an unknown event', { id: '1-0', fields: { f: '{"event":"boom","data":{}}' } }],
  ])('refuses an entry with %s', (_, bad) => {
    expect(prepareFrame(bad).ok).toBe(false);
  });
});

describe(partFor.name, () => {
  it('builds a batch holding one symbol, with its count, and caches it', () => {
    const r = prepareFrame(entry(patternsFrame(['NVDA', 'AAPL', 'NVDA'])));
    if (!r.ok) throw new Error(r.reason);
    const text = partFor(r.frame, 'NVDA');
    const parsed = JSON.parse(text);
    expect(parsed.seq).toBe('1700000000123-4');
    expect(parsed.data.count).toBe(2);
    expect(parsed.data.patterns).toHaveLength(2);
    expect(partFor(r.frame, 'NVDA')).toBe(text);
  });

  it('builds the same text after the parsed data was let go (replays from the cache)', () => {
    const r = prepareFrame(entry(patternsFrame(['NVDA', 'AAPL'])));
    if (!r.ok) throw new Error(r.reason);
    const fresh = prepareFrame(entry(JSON.parse(r.frame.text.replace(/^\{"seq":"[^"]*",/, '{'))));
    r.frame.data = undefined;
    expect(fresh.ok && partFor(fresh.frame, 'AAPL')).toBe(partFor(r.frame, 'AAPL'));
  });
});
