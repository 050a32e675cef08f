import { describe, expect, it } from 'vitest';
import { formatRecordLine, parseRecordLine, RecordingError } from './record-line';

describe(formatRecordLine.name, () => {
  it('writes one JSON line whose payload is the exact text, odd bytes and all', () => {
    const text = '{"a" :1,\n "b":"é\\u0000"}not json';
    const line = formatRecordLine(1234, 'tickstock:streaming:health', text);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(parseRecordLine(line.trimEnd(), 1)).toEqual({ tMs: 1234, channel: 'tickstock:streaming:health', text });
  });
});

describe(parseRecordLine.name, () => {
  it('reads the fixture shape (payload as a JSON value, no t_ms) as its JSON text', () => {
    const line = JSON.stringify({ name: 'x', channel: 'tickstock.health.status', payload: { status: 'healthy' } });
    expect(parseRecordLine(line, 3)).toEqual({ tMs: undefined, channel: 'tickstock.health.status', text: '{"status":"healthy"}' });
  });

  it.each([
    ['not json', /line 7: not JSON/],
    ['[]', /line 7: not an object/],
    ['{"t_ms":1,"channel":"other","payload":"{}"}', /line 7: channel "other" is not one of the 12/],
    ['{"t_ms":-1,"channel":"tickstock.health.status","payload":"{}"}', /line 7: t_ms must be a non-negative number/],
    ['{"t_ms":"5","channel":"tickstock.health.status","payload":"{}"}', /t_ms/],
    ['{"t_ms":1,"channel":"tickstock.health.status"}', /line 7: payload is missing/],
  ])('refuses %s', (line, message) => {
    expect(() => parseRecordLine(line, 7)).toThrow(RecordingError);
    expect(() => parseRecordLine(line, 7)).toThrow(message);
  });
});
