import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoFromMs, normalizeTimestamp } from './timestamps';

describe(normalizeTimestamp.name, () => {
  // TICKSTOCKPL-FORMATS.md, "Timestamps": every accepted form, to UTC with exactly 3 ms digits.
  it.each([
    ['Z, no fraction', '2025-10-16T02:09:00Z', '2025-10-16T02:09:00.000Z'],
    ['Z, milliseconds (already canonical)', '2025-10-16T02:09:00.100Z', '2025-10-16T02:09:00.100Z'],
    ['lower-case z', '2025-10-16T02:09:00.100z', '2025-10-16T02:09:00.100Z'],
    ['+00:00', '2025-10-16T02:08:03+00:00', '2025-10-16T02:08:03.000Z'],
    ['-00:00', '2025-10-16T02:08:03-00:00', '2025-10-16T02:08:03.000Z'],
    ['+02:00 (another offset)', '2025-10-16T04:08:03+02:00', '2025-10-16T02:08:03.000Z'],
    ['-05:00 across midnight', '2025-10-15T22:30:00.5-05:00', '2025-10-16T03:30:00.500Z'],
    ['+0530 without colon', '2025-10-16T07:38:03+0530', '2025-10-16T02:08:03.000Z'],
    ['+05 hours only', '2025-10-16T07:08:03+05', '2025-10-16T02:08:03.000Z'],
    ['naive (Python isoformat) is UTC', '2025-10-03T13:30:00', '2025-10-03T13:30:00.000Z'],
    ['naive with 6 fractional digits (truncated)', '2025-10-03T13:30:00.123456', '2025-10-03T13:30:00.123Z'],
    ['1 fractional digit', '2025-10-03T13:30:00.5Z', '2025-10-03T13:30:00.500Z'],
    ['2 fractional digits', '2025-10-03T13:30:00.25Z', '2025-10-03T13:30:00.250Z'],
    ['9 fractional digits', '2025-10-03T13:30:00.999999999Z', '2025-10-03T13:30:00.999Z'],
    ['microseconds with offset', '2025-10-03T15:30:00.123456+02:00', '2025-10-03T13:30:00.123Z'],
    ['no seconds', '2025-10-03T13:30Z', '2025-10-03T13:30:00.000Z'],
    ['space separator (str(datetime))', '2025-10-03 13:30:00.123456', '2025-10-03T13:30:00.123Z'],
    ['date only is midnight UTC', '2025-10-03', '2025-10-03T00:00:00.000Z'],
    ['leap day', '2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
    ['epoch seconds (int)', 1760580400, '2025-10-16T02:06:40.000Z'],
    ['epoch seconds (float)', 1760580483.25, '2025-10-16T02:08:03.250Z'],
    ['epoch seconds, float noise rounds to the ms', 1760580000.123, '2025-10-16T02:00:00.123Z'],
    ['epoch milliseconds (> 1e12)', 1760580483250, '2025-10-16T02:08:03.250Z'],
    ['epoch seconds as a string', '1760580483.25', '2025-10-16T02:08:03.250Z'],
  ] as const)('reads %s', (_what, input, expected) => {
    expect(normalizeTimestamp(input)).toBe(expected);
  });

  it.each([
    ['empty', ''],
    ['text', 'yesterday'],
    ['month 13', '2025-13-01T00:00:00Z'],
    ['Feb 30', '2025-02-30T00:00:00Z'],
    ['Feb 29 in a common year', '2025-02-29T00:00:00Z'],
    ['hour 24', '2025-10-16T24:00:00Z'],
    ['second 60', '2025-10-16T23:59:60Z'],
    ['10 fractional digits', '2025-10-16T02:08:03.1234567890Z'],
    ['empty fraction', '2025-10-16T02:08:03.Z'],
    ['trailing text', '2025-10-16T02:08:03Zjunk'],
    ['bad offset', '2025-10-16T02:08:03+2:00'],
    ['offset minutes 60', '2025-10-16T02:08:03+01:60'],
    ['year 1999 (a unit mistake, not market data)', '1999-12-31T23:59:59Z'],
    ['year 2100', '2100-01-01T00:00:00Z'],
    ['epoch 0', 0],
    ['negative epoch', -1],
    ['epoch microseconds', 1760580483250000],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['null', null],
    ['boolean', true],
    ['object', { seconds: 1 }],
  ] as const)('finds %s unusable', (_what, input) => {
    expect(normalizeTimestamp(input)).toBeNull();
  });

  it('answers the same for a repeated input (its one-entry memo is invisible)', () => {
    expect(normalizeTimestamp('2025-10-16T02:08:03+00:00')).toBe('2025-10-16T02:08:03.000Z');
    expect(normalizeTimestamp('2025-10-16T02:08:03+00:00')).toBe('2025-10-16T02:08:03.000Z');
    expect(normalizeTimestamp('bad')).toBeNull();
    expect(normalizeTimestamp('bad')).toBeNull();
  });

  it('agrees with Date for any instant in range, written in any offset', () => {
    const instant = fc.integer({ min: Date.UTC(2000, 0, 2), max: Date.UTC(2099, 11, 30) });
    fc.assert(
      fc.property(instant, fc.integer({ min: -14 * 60, max: 14 * 60 }), (ms, offsetMinutes) => {
        const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
        const sign = offsetMinutes < 0 ? '-' : '+';
        const abs = Math.abs(offsetMinutes);
        const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(normalizeTimestamp(`${local}${offset}`)).toBe(new Date(ms).toISOString());
      }),
    );
  });
});

describe(isoFromMs.name, () => {
  it('equals Date#toISOString over the accepted range', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) - 1 }), (ms) => {
        expect(isoFromMs(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 2000 },
    );
  });
});
