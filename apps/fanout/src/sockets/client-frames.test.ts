import { describe, expect, it } from 'vitest';
import { canonicalSeq, MAX_CLIENT_FRAME_BYTES, parseClientFrame } from './client-frames';

const text = (s: string): ArrayBuffer => new TextEncoder().encode(s).buffer;

describe(parseClientFrame.name, () => {
  it.each([
    ['{"op":"ping"}'],
    ['{"op":"subscribe","streams":["patterns"],"symbols":["NVDA"]}'],
    ['{"op":"unsubscribe","streams":["health"]}'],
    ['{"op":"resume","since":"1700000000000-0"}'],
  ])('accepts %s', (frame) => {
    expect(parseClientFrame(text(frame), false).ok).toBe(true);
  });

  it.each([
    ['not JSON', 'hello'],
    ['an unknown op', '{"op":"dance"}'],
    ['an unknown stream', '{"op":"subscribe","streams":["trades"]}'],
    ['a bad symbol', '{"op":"subscribe","streams":["patterns"],"symbols":["$$$"]}'],
    ['no since', '{"op":"resume"}'],
    ['a NUL character', '\u0000'],
  ])('answers BAD_FRAME to %s', (_, frame) => {
    const r = parseClientFrame(text(frame), false);
    expect(r.ok ? 'ok' : r.code).toBe('BAD_FRAME');
  });

  it('answers BAD_FRAME to binary frames and to invalid UTF-8', () => {
    const r = parseClientFrame(text('{"op":"ping"}'), true);
    expect(r.ok ? 'ok' : r.code).toBe('BAD_FRAME');
    const bytes = new Uint8Array([0x7b, 0xff, 0x7d]).buffer;
    const s = parseClientFrame(bytes, false);
    expect(s.ok ? 'ok' : s.code).toBe('BAD_FRAME');
  });

  it('answers FRAME_TOO_LARGE past 16 KB', () => {
    const r = parseClientFrame(new ArrayBuffer(MAX_CLIENT_FRAME_BYTES + 1), false);
    expect(r.ok ? 'ok' : r.code).toBe('FRAME_TOO_LARGE');
  });
});

describe(canonicalSeq.name, () => {
  it('reads <ms>-<seq> and a bare <ms>', () => {
    expect(canonicalSeq('1700000000000-3')).toBe('1700000000000-3');
    expect(canonicalSeq('1700000000000')).toBe('1700000000000-0');
  });

  it('refuses anything else, and ids past 64 bits', () => {
    expect(canonicalSeq('abc')).toBeNull();
    expect(canonicalSeq('1-2-3')).toBeNull();
    expect(canonicalSeq('18446744073709551616-0')).toBeNull();
  });
});
