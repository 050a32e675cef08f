import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../channels';
import { eventId } from './ids';
import { decode } from './index';
import { normalizePattern, PRIORITY_CONFIDENCE_DEFAULT } from './pattern';
import { accepted, RECEIVED_ISO, rejected, single } from './test-helpers.fixture';

const P = CHANNELS.patternsStreaming;
const c = (detection: Record<string, unknown>) => ({ type: 'streaming_pattern', detection: { pattern: 'Doji', symbol: 'AAPL', confidence: 0.7, timestamp: '2025-10-16T02:08:03Z', timeframe: '1min', ...detection } });

describe(normalizePattern.name, () => {
  it('marks a pattern high priority from the default 0.8 confidence up', () => {
    expect(PRIORITY_CONFIDENCE_DEFAULT).toBe(0.8);
    expect(single('pattern', P, c({ confidence: 0.8 })).data.priority).toBe('high');
    expect(single('pattern', P, c({ confidence: 1 })).data.priority).toBe('high');
    expect(single('pattern', P, c({ confidence: 0.7999 })).data.priority).toBe('normal');
    expect(single('pattern', P, c({ confidence: 0 })).data.priority).toBe('normal');
  });

  it('upper-cases the symbol', () => {
    expect(single('pattern', P, c({ symbol: 'brk.b' })).data.symbol).toBe('BRK.B');
  });

  it('takes the first name present: pattern, then pattern_type, then pattern_name', () => {
    expect(single('pattern', P, c({ pattern: undefined, pattern_type: 'A', pattern_name: 'B' })).data.pattern_type).toBe('A');
    expect(single('pattern', P, c({ pattern: undefined, pattern_name: 'B' })).data.pattern_type).toBe('B');
    expect(single('pattern', P, c({ pattern: null, pattern_type: 'A' })).data.pattern_type).toBe('A');
  });

  it('trims padding around a name', () => {
    expect(single('pattern', P, c({ pattern: ' Doji ' })).data.pattern_type).toBe('Doji');
  });

  it('defaults a missing timeframe to 1min, with a note', () => {
    const sut = single('pattern', P, c({ timeframe: undefined }));
    expect(sut.data.timeframe).toBe('1min');
    expect(sut.notes).toEqual(['timeframe: missing, defaulted to "1min"']);
  });

  it('takes the receive time for a missing timestamp, and says so', () => {
    const sut = single('pattern', P, c({ timestamp: undefined }));
    expect(sut.data.timestamp).toBe(RECEIVED_ISO);
    expect(sut.notes).toEqual(['timestamp: missing, used the receive time']);
  });

  it('takes the receive time for an unusable timestamp, and says so', () => {
    const sut = single('pattern', P, c({ timestamp: 'last tuesday' }));
    expect(sut.data.timestamp).toBe(RECEIVED_ISO);
    expect(sut.notes).toEqual(['timestamp: unusable ("last tuesday"), used the receive time']);
  });

  it('uses the current time when no receive time is given or it is an invalid Date', () => {
    const before = Date.now();
    for (const receivedAt of [undefined, new Date(Number.NaN)]) {
      const sut = decode(P, JSON.stringify(c({ timestamp: undefined })), receivedAt);
      const event = sut.ok ? sut.events[0] : undefined;
      const t = event?.kind === 'pattern' ? event.data.timestamp : '';
      expect(Date.parse(t)).toBeGreaterThanOrEqual(before - 1);
      expect(Date.parse(t)).toBeLessThanOrEqual(Date.now() + 1);
    }
  });

  it('falls back to the A message timestamp when the detection has none', () => {
    const sut = single('pattern', P, { event: 'pattern_detected', timestamp: '2025-10-03T13:30:05Z', detection: { pattern_type: 'Doji', symbol: 'AAPL', confidence: 0.5 } });
    expect(sut.data.timestamp).toBe('2025-10-03T13:30:05.000Z');
  });

  it('reads a flat detection (no detection wrapper)', () => {
    const sut = single('pattern', P, { type: 'streaming_pattern', pattern: 'Hammer', symbol: 'JPM', confidence: 0.82, timestamp: '2025-10-16T02:08:04Z', timeframe: '1min' });
    expect(sut.data.id).toBe(eventId('pat', ['JPM', 'Hammer', '2025-10-16T02:08:04.000Z', '1min']));
  });

  it('gives the same detection in formats A, B and C one id', () => {
    const t = '2025-10-16T02:08:04Z';
    const ids = [
      single('pattern', P, { type: 'streaming_pattern', detection: { pattern: 'Hammer', symbol: 'JPM', confidence: 0.82, timestamp: t, timeframe: '1min' } }),
      single('pattern', P, { event: 'pattern_detected', session_id: 's', timestamp: t, detection: { pattern_type: 'Hammer', symbol: 'jpm', confidence: 0.82, timestamp: '2025-10-16T02:08:04.000000', timeframe: '1min' } }),
      single('pattern', CHANNELS.patternsDetected, { type: 'streaming_pattern', detection: { pattern_type: 'Hammer', symbol: 'JPM', confidence: 0.82, timestamp: 1760580484, timeframe: '1min', metadata: {} } }),
    ].map((r) => r.data.id);
    expect(new Set(ids).size).toBe(1);
  });

  it('reads a B session id from metadata and an A one from the top level', () => {
    expect(single('pattern', P, c({ metadata: { session_id: 'm-1' } })).data.session_id).toBe('m-1');
    expect(single('pattern', P, { ...c({}), session_id: 'top-1' }).data.session_id).toBe('top-1');
  });

  it('keeps bar_data members, nulling (with a note) one that is not a number', () => {
    const sut = single('pattern', P, c({ bar_data: { open: 1, high: 2, low: 0.5, close: '1.5', volume: 100 } }));
    expect(sut.data.bar_data).toEqual({ open: 1, high: 2, low: 0.5, close: null, volume: 100 });
    expect(sut.notes).toEqual(['bar_data.close: not a number ("1.5"), set to null']);
  });

  it('replaces a parameters or metadata that is not an object by {}, with a note', () => {
    const sut = single('pattern', P, c({ parameters: [1, 2], metadata: 'x' }));
    expect(sut.data.parameters).toEqual({});
    expect(sut.data.metadata).toEqual({});
    expect(sut.notes).toEqual(['metadata: not an object ("x"), set to {}', 'parameters: not an object (an array), set to {}']);
  });

  it('rejects a detection that is not an object', () => {
    expect(rejected(P, { type: 'streaming_pattern', detection: 'Doji' })).toEqual({ reason: 'invalid_field', detail: 'detection: not an object, got "Doji"' });
  });
});

describe('pattern batches', () => {
  const item = (symbol: unknown, extra: Record<string, unknown> = {}) => ({ pattern: 'Doji', symbol, confidence: 0.9, timestamp: '2025-10-16T02:09:00Z', timeframe: '1min', ...extra });

  it('keeps the good items of a batch and reports each bad one with its index', () => {
    const sut = accepted(P, { type: 'streaming_patterns_batch', patterns: [item('TSLA'), { detection: item('<x>') }, 7, item('AMZN')], count: 4 });
    expect(sut.events.map((e) => (e.kind === 'pattern' ? e.data.symbol : null))).toEqual(['TSLA', 'AMZN']);
    expect(sut.itemRejections).toEqual([
      { reason: 'invalid_field', detail: 'patterns[1]: symbol: not a symbol (1-15 of A-Z 0-9 . _ -), got "<x>"' },
      { reason: 'not_object', detail: 'patterns[2]: not an object, got number' },
    ]);
  });

  it('drops the notes of a rejected item', () => {
    const sut = accepted(P, { type: 'streaming_patterns_batch', patterns: [item('TSLA'), item('<x>', { timeframe: undefined })] });
    expect(sut.notes).toEqual([]);
  });

  it('rejects a batch whose every item is bad, with the first reason', () => {
    const sut = rejected(P, { type: 'streaming_patterns_batch', patterns: [item(''), item('<x>')] });
    expect(sut.reason).toBe('invalid_field');
    expect(sut.detail).toBe('all 2 patterns rejected; first: patterns[0]: symbol: not a symbol (1-15 of A-Z 0-9 . _ -), got ""');
  });

  it('rejects an empty batch, so the message still counts (received = accepted + rejected)', () => {
    const sut = rejected(P, { type: 'streaming_patterns_batch', patterns: [], count: 0 });
    expect(sut).toEqual({ reason: 'invalid_field', detail: 'patterns: an empty batch, got an array' });
  });

  it('notes a count that disagrees with the items', () => {
    expect(accepted(P, { type: 'streaming_patterns_batch', patterns: [item('TSLA')], count: 3 }).notes).toEqual(['count: says 3, batch holds 1']);
  });

  it('gives items without a time the batch_timestamp', () => {
    const sut = accepted(P, { type: 'streaming_patterns_batch', patterns: [item('TSLA', { timestamp: undefined })], batch_timestamp: '2025-10-16T02:09:00.100Z' });
    const event = sut.events[0];
    expect(event?.kind === 'pattern' && event.data.timestamp).toBe('2025-10-16T02:09:00.100Z');
  });

  it('reads a batch that arrives without its type', () => {
    expect(accepted(CHANNELS.patternsDetected, { patterns: [item('TSLA')] }).events).toHaveLength(1);
  });

  it('rejects a batch whose patterns is not an array', () => {
    expect(rejected(P, { type: 'streaming_patterns_batch', patterns: { a: 1 } })).toEqual({ reason: 'invalid_field', detail: 'patterns: not an array, got an object' });
    expect(rejected(P, { type: 'streaming_patterns_batch' })).toEqual({ reason: 'missing_field', detail: 'patterns: missing' });
  });
});
