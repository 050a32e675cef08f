// TICKSTOCKPL-FORMATS.md, "Bad input the ingest must survive": every class, with its reason.
import { describe, expect, it } from 'vitest';
import { ALL_CHANNELS, CHANNELS } from '../channels';
import { decode } from './index';
import { MAX_DEPTH, MAX_PAYLOAD_BYTES, REJECT_REASONS, type DecodeResult, type RejectReason } from './result';

const P = CHANNELS.patternsStreaming;
const pattern = (detection: Record<string, unknown>) => JSON.stringify({ type: 'streaming_pattern', detection: { pattern: 'Doji', symbol: 'AAPL', confidence: 0.7, timestamp: '2025-10-16T02:08:03Z', ...detection } });

function rejection(result: DecodeResult): { reason: RejectReason; detail: string } {
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result)}`);
  return { reason: result.reason, detail: result.detail };
}

describe(decode.name, () => {
  it.each(ALL_CHANNELS)('rejects smoke-test junk on %s as junk', (channel) => {
    const sut = decode(channel, '{"test": true, "timestamp": 1700000000.5}');
    expect(rejection(sut)).toEqual({ reason: 'junk', detail: 'no recognizable field (keys: test, timestamp)' });
  });

  it.each([
    ['C, empty session', CHANNELS.sessionStarted, { type: 'streaming_session_started', session: {} }],
    ['A, empty data', CHANNELS.sessionStarted, { event: 'session_started', timestamp: '2025-10-03T13:30:00', data: {} }],
    ['C, null session id', CHANNELS.sessionStarted, { type: 'streaming_session_started', session: { session_id: null, universe: 'u' } }],
    ['stopped, empty session', CHANNELS.sessionStopped, { type: 'streaming_session_stopped', session: {} }],
  ])('never makes a session of a session event without a session id (%s)', (_what, channel, payload) => {
    expect(rejection(decode(channel, JSON.stringify(payload)))).toEqual({ reason: 'missing_field', detail: 'session_id: missing' });
  });

  it('rejects a session id that is not an id', () => {
    const sut = decode(CHANNELS.sessionStarted, JSON.stringify({ type: 'streaming_session_started', session: { session_id: '' } }));
    expect(rejection(sut).reason).toBe('invalid_field');
  });

  it('reads a wrapped alert from inside alert{}, so a wrapped alert missing its symbol is missing_field, not a null-field alert', () => {
    const sut = decode(CHANNELS.alertsIndicators, JSON.stringify({ type: 'indicator_alert', alert: { alert_type: 'RSI_OVERSOLD', timestamp: '2025-10-16T02:10:00Z' } }));
    expect(rejection(sut)).toEqual({ reason: 'missing_field', detail: 'symbol: missing' });
  });

  it.each([
    ['invalid JSON', '{"type": "streaming_pattern", "detection": {'],
    ['empty text', ''],
    ["Python's NaN", '{"type":"streaming_pattern","detection":{"pattern":"Doji","symbol":"AAPL","confidence":NaN}}'],
    ['single quotes', "{'type': 'streaming_pattern'}"],
  ])('rejects %s as invalid_json', (_what, text) => {
    expect(rejection(decode(P, text)).reason).toBe('invalid_json');
  });

  it.each([['42'], ['"x"'], ['[]'], ['null'], ['true'], ['[{"pattern":"Doji"}]']])('rejects non-object JSON %s as not_object', (text) => {
    expect(rejection(decode(CHANNELS.indicatorsStreaming, text)).reason).toBe('not_object');
  });

  it.each([
    ['a string confidence', pattern({ confidence: '0.8' }), 'confidence: must be a number in [0, 1], got "0.8"'],
    ['a negative confidence', pattern({ confidence: -0.1 }), 'confidence: must be a number in [0, 1], got -0.1'],
    ['a confidence over 1', pattern({ confidence: 1.01 }), 'confidence: must be a number in [0, 1], got 1.01'],
    ['an infinite confidence (1e400)', pattern({}).replace('0.7', '1e400'), 'confidence: must be a number in [0, 1], got Infinity'],
    ['an empty symbol', pattern({ symbol: '' }), 'symbol: not a symbol (1-15 of A-Z 0-9 . _ -), got ""'],
    ['a markup symbol', pattern({ symbol: '<script>' }), 'symbol: not a symbol (1-15 of A-Z 0-9 . _ -), got "<script>"'],
    ['a 16-character symbol', pattern({ symbol: 'ABCDEFGHIJKLMNOP' }), 'symbol: not a symbol (1-15 of A-Z 0-9 . _ -), got "ABCDEFGHIJKLMNOP"'],
    ['a symbol starting with a dot', pattern({ symbol: '.A' }), 'symbol: not a symbol (1-15 of A-Z 0-9 . _ -), got ".A"'],
    ['a numeric symbol', pattern({ symbol: 42 }), 'symbol: not a symbol (1-15 of A-Z 0-9 . _ -), got 42'],
    ['a non-ASCII symbol that upper-cases to ASCII', pattern({ symbol: 'ſpy' }), 'symbol: not a symbol (1-15 of A-Z 0-9 . _ -), got "ſpy"'],
    ['an empty pattern name', pattern({ pattern: '' }), 'pattern: not a name (1-64 printable characters, no <>), got ""'],
    ['a blank pattern name', pattern({ pattern: '   ' }), 'pattern: not a name (1-64 printable characters, no <>), got "   "'],
    ['a markup pattern name', pattern({ pattern: '<b>Doji</b>' }), 'pattern: not a name (1-64 printable characters, no <>), got "<b>Doji</b>"'],
    ['a control character in the name', pattern({ pattern: 'Do\u0000ji' }), 'pattern: not a name (1-64 printable characters, no <>), got "Do\\u0000ji"'],
    ['a numeric pattern name', pattern({ pattern: 7 }), 'pattern: not a name (1-64 printable characters, no <>), got 7'],
    ['a bad timeframe', pattern({ timeframe: 5 }), 'timeframe: not a name (1-64 printable characters, no <>), got 5'],
  ])('rejects %s as invalid_field', (_what, text, detail) => {
    expect(rejection(decode(P, text))).toEqual({ reason: 'invalid_field', detail });
  });

  it('rejects a 65-character pattern name', () => {
    expect(rejection(decode(P, pattern({ pattern: 'P'.repeat(65) }))).reason).toBe('invalid_field');
  });

  it('cuts a 10 KB symbol in the detail instead of echoing it', () => {
    const sut = rejection(decode(P, pattern({ symbol: 'A'.repeat(10_000) })));
    expect(sut.reason).toBe('invalid_field');
    expect(sut.detail).toBe(`symbol: not a symbol (1-15 of A-Z 0-9 . _ -), got "${'A'.repeat(32)}…" (10000 chars)`);
  });

  it.each([
    ['a pattern without a symbol', pattern({ symbol: undefined }), 'symbol: missing'],
    ['a pattern without a name', pattern({ pattern: undefined }), 'pattern: missing'],
    ['a pattern without a confidence', pattern({ confidence: undefined }), 'confidence: missing'],
  ])('rejects %s as missing_field', (_what, text, detail) => {
    expect(rejection(decode(P, text))).toEqual({ reason: 'missing_field', detail });
  });

  it('rejects a payload over 256 KiB before parsing it', () => {
    const sut = decode(P, `{"x":"${'a'.repeat(MAX_PAYLOAD_BYTES)}`);
    expect(rejection(sut)).toEqual({ reason: 'too_large', detail: `payload: over ${MAX_PAYLOAD_BYTES} bytes (${MAX_PAYLOAD_BYTES + 6} characters)` });
  });

  it('counts UTF-8 bytes, not characters, against the limit', () => {
    const euros = '€'.repeat(90_000); // 90,000 characters, 270,000 bytes
    expect(rejection(decode(P, `{"type":"streaming_pattern","detection":{"pattern":"${euros}"}}`)).reason).toBe('too_large');
    const accents = 'é'.repeat(60_000); // 120,000 bytes: under the limit, so it is parsed (and rejected for its name)
    expect(rejection(decode(P, `{"type":"streaming_pattern","detection":{"pattern":"${accents}"}}`)).reason).toBe('invalid_field');
  });

  it(`accepts nesting of exactly ${MAX_DEPTH} levels and rejects ${MAX_DEPTH + 1}`, () => {
    const nest = (levels: number): unknown => (levels === 1 ? {} : { a: nest(levels - 1) });
    // top (1) > detection (2) > metadata (3..): metadata nested n deep makes a depth of n + 2.
    const at = (depth: number) => JSON.stringify({ type: 'streaming_pattern', detection: { pattern: 'Doji', symbol: 'AAPL', confidence: 0.7, metadata: nest(depth - 2) } });
    expect(decode(P, at(MAX_DEPTH)).ok).toBe(true);
    expect(rejection(decode(P, at(MAX_DEPTH + 1)))).toEqual({ reason: 'too_deep', detail: `payload: nested deeper than ${MAX_DEPTH} levels` });
  });

  it('rejects 50,000 levels of arrays without overflowing the stack', () => {
    const text = `{"a":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    expect(rejection(decode(P, text)).reason).toBe('too_deep');
  });

  it.each([['tickstock:patterns:nope'], [''], ['__proto__'], ['toString'], ['TICKSTOCK:PATTERNS:STREAMING']])('rejects unknown channel %j', (channel) => {
    expect(rejection(decode(channel, pattern({}))).reason).toBe('unknown_channel');
  });

  it.each([
    ['an unknown type', P, { type: 'streaming_bananas', detection: {} }, 'type: "streaming_bananas" is not carried on this channel'],
    ['an unknown A event', P, { event: 'pattern_deleted', detection: {} }, 'event: "pattern_deleted" is not carried on this channel'],
    ['an indicator on a pattern channel', P, { type: 'streaming_indicator', calculation: {} }, 'type: "streaming_indicator" is not carried on this channel'],
    ['a pattern on the indicator channel', CHANNELS.indicatorsStreaming, { type: 'streaming_pattern', detection: {} }, 'type: "streaming_pattern" is not carried on this channel'],
    ['a session stop on the start channel', CHANNELS.sessionStarted, { type: 'streaming_session_stopped', session: { session_id: 's' } }, 'type: "streaming_session_stopped" is not carried on this channel'],
    ['health on the critical channel', CHANNELS.alertsCritical, { type: 'streaming_health', health: {} }, 'type: "streaming_health" is not carried on this channel'],
  ])('rejects %s as unknown_type', (_what, channel, payload, detail) => {
    expect(rejection(decode(channel, JSON.stringify(payload)))).toEqual({ reason: 'unknown_type', detail });
  });

  it('rejects a type that is not a string as invalid_field', () => {
    expect(rejection(decode(P, JSON.stringify({ type: 7, detection: {} })))).toEqual({ reason: 'invalid_field', detail: 'type: not a string, got 7' });
  });

  it('rejects text that is not a string (a Buffer handed over by mistake) instead of throwing', () => {
    expect(rejection(decode(P, Buffer.from('{}') as unknown as string)).reason).toBe('invalid_json');
  });

  it.each([
    ['a NUL deep in passed-through metadata', pattern({ metadata: { notes: ['ok', 'a\u0000b'] } }), '"metadata.notes[1]"'],
    ['an unpaired high surrogate', pattern({ parameters: { label: '1min\ud800' } }), '"parameters.label"'],
    ['an unpaired low surrogate in a key', pattern({ metadata: { '\udc00': 1 } }), '"metadata.'],
  ])('rejects %s, which PostgreSQL could never store (invalid_field)', (_what, text, where) => {
    const sut = rejection(decode(P, text));
    expect(sut.reason).toBe('invalid_field');
    expect(sut.detail.startsWith(where)).toBe(true);
    expect(sut.detail).toContain('holds U+0000 or an unpaired surrogate');
  });

  it('rejects only the batch item that holds such text; the others are accepted', () => {
    const item = (symbol: string, metadata: Record<string, unknown>) => ({ pattern: 'Doji', symbol, confidence: 0.7, timestamp: '2025-10-16T02:08:03Z', metadata });
    const sut = decode(P, JSON.stringify({ type: 'streaming_patterns_batch', patterns: [item('AAPL', {}), item('MSFT', { note: 'x\u0000' })] }));
    if (!sut.ok) throw new Error(sut.detail);
    expect(sut.events.map((e) => e.kind === 'pattern' && e.data.symbol)).toEqual(['AAPL']);
    expect(sut.itemRejections).toEqual([{ reason: 'invalid_field', detail: expect.stringContaining('"metadata.note": holds U+0000') as string }]);
  });

  it('accepts text with escapes that PostgreSQL stores: a paired surrogate (emoji), an escaped backslash before u0000', () => {
    for (const text of [pattern({ metadata: { note: '🚀 \u00e9' } }), pattern({ metadata: { path: 'C:\\u0000' } })]) {
      const sut = decode(P, text);
      expect(sut.ok).toBe(true);
    }
  });

  it('keeps every detail short, whatever the input', () => {
    const hostile = ['x'.repeat(5000), '<'.repeat(300), '\u0000'.repeat(300)];
    for (const channel of ALL_CHANNELS) {
      for (const v of hostile) {
        for (const text of [JSON.stringify({ [v]: v }), JSON.stringify({ type: v, symbol: v, pattern: v, alert_type: v, job_id: v, status: v, session_id: v }), v]) {
          const sut = decode(channel, text);
          if (!sut.ok) expect(sut.detail.length).toBeLessThanOrEqual(160);
        }
      }
    }
  });

  it('names every reason it can give', () => {
    expect(REJECT_REASONS).toEqual(['too_large', 'invalid_json', 'not_object', 'too_deep', 'unknown_channel', 'unknown_type', 'missing_field', 'invalid_field', 'junk', 'internal_error']);
  });
});
