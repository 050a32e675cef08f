import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventId, hash106 } from './ids';

/** cyrb53 exactly as published (bryc, github.com/bryc/code, jshash/experimental/cyrb53.js). */
function cyrb53(str: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
// The seeds ids.ts uses (fixed forever: stored ids depend on them).
const reference = (s: string) => cyrb53(s, 0x9e3779b9).toString(16).padStart(14, '0') + cyrb53(s, 0x85ebca6b).toString(16).padStart(14, '0');

describe(hash106.name, () => {
  it('equals published cyrb53 with the two seeds, as 2 x 14 hex digits', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(hash106(s)).toBe(reference(s));
      }),
    );
  });

  it('is 28 lower-case hex digits, the empty string included', () => {
    expect(hash106('')).toMatch(/^[0-9a-f]{28}$/);
    expect(hash106('')).toBe(reference(''));
  });
});

describe(eventId.name, () => {
  it('is stable across releases: the store deduplicates on it', () => {
    const sut = eventId('pat', ['NVDA', 'PriceChange', '2025-10-16T02:08:03.000Z', '1min']);
    expect(sut).toBe('pat_0e9364bfb78d19073bb0329660e9');
  });

  it('prefixes the kind and hashes the parts joined by the unit separator', () => {
    const sut = eventId('ind', ['AAPL', 'RSI', '2025-10-03T13:30:06.000Z', '1min']);
    expect(sut).toBe(`ind_${reference('AAPL\u001fRSI\u001f2025-10-03T13:30:06.000Z\u001f1min')}`);
  });

  it('differs when any identity part differs, parts never running together', () => {
    const a = eventId('pat', ['AB', 'C', 't', '1min']);
    expect(eventId('pat', ['A', 'BC', 't', '1min'])).not.toBe(a);
    expect(eventId('pat', ['AB', 'C', 't', '5min'])).not.toBe(a);
    expect(eventId('ind', ['AB', 'C', 't', '1min'])).not.toBe(a);
  });

  it('renders numbers and null parts as text', () => {
    expect(eventId('btp', ['bt-42', null, 0.35, 't'])).toBe(`btp_${reference('bt-42\u001fnull\u001f0.35\u001ft')}`);
  });
});
