// Deterministic event ids. The id is a hash of the event's identity (TICKSTOCKPL-FORMATS.md,
// "Pattern": symbol + pattern + detection timestamp + timeframe), so the same detection arriving
// on both pattern channels, or in formats A, B and C, gets the same id: that is how the ingest
// and the store deduplicate it. Pure JS (contracts also run in browsers: no node:crypto, no
// Buffer): cyrb53 run with two seeds in one pass, 106 bits, as 28 hex digits.

const SEED_A = 0x9e3779b9;
const SEED_B = 0x85ebca6b;
/** Unit separator: validated symbols, names and timestamps cannot contain it, so parts never run together. */
const SEP_CODE = 0x1f;

export type IdKind = 'pat' | 'ind' | 'ial' | 'crit' | 'env' | 'btp' | 'btr' | 'sys';

/** `pat_…`: the kind prefix, then hash106 of the parts joined by U+001F (non-strings as `${part}`). */
export function eventId(kind: IdKind, parts: readonly (string | number | null)[]): string {
  // hash106 unrolled over the parts: hashing them in place, not their concatenation, saves
  // building and flattening a string per event (about a third of the id's cost).
  let a1 = 0xdeadbeef ^ SEED_A;
  let a2 = 0x41c6ce57 ^ SEED_A;
  let b1 = 0xdeadbeef ^ SEED_B;
  let b2 = 0x41c6ce57 ^ SEED_B;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    const s = typeof part === 'string' ? part : `${part}`;
    for (let i = p === 0 ? 1 : 0; i <= s.length; i++) {
      // Position 0 of every part but the first is the separator.
      const ch = i === 0 ? SEP_CODE : s.charCodeAt(i - 1);
      a1 = Math.imul(a1 ^ ch, 2654435761);
      a2 = Math.imul(a2 ^ ch, 1597334677);
      b1 = Math.imul(b1 ^ ch, 2654435761);
      b2 = Math.imul(b2 ^ ch, 1597334677);
    }
  }
  return kind + '_' + hex53(a1, a2) + hex53(b1, b2);
}

/** cyrb53 (bryc, public domain) with seeds A and B, fused into one loop; equals hex(cyrb53(s, A)) + hex(cyrb53(s, B)). */
export function hash106(s: string): string {
  let a1 = 0xdeadbeef ^ SEED_A;
  let a2 = 0x41c6ce57 ^ SEED_A;
  let b1 = 0xdeadbeef ^ SEED_B;
  let b2 = 0x41c6ce57 ^ SEED_B;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    a1 = Math.imul(a1 ^ ch, 2654435761);
    a2 = Math.imul(a2 ^ ch, 1597334677);
    b1 = Math.imul(b1 ^ ch, 2654435761);
    b2 = Math.imul(b2 ^ ch, 1597334677);
  }
  return hex53(a1, a2) + hex53(b1, b2);
}

/** Hex digits by charCodeAt: Number#toString(16) costs ~150 ns a call, this path ~10 ns. */
const HEX = '0123456789abcdef';

// No closures in here: tsx (esbuild keepNames) wraps every function expression in a __name()
// call that runs each time the expression is evaluated, which made ids 5x slower.
function hex53(h1: number, h2: number): string {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  // 4294967296 * (2097151 & h2) + (h1 >>> 0) as 14 hex digits: 21 bits of h2 (6 digits), 32 of h1 (8).
  return String.fromCharCode(
    HEX.charCodeAt((h2 >>> 20) & 0x1),
    HEX.charCodeAt((h2 >>> 16) & 0xf),
    HEX.charCodeAt((h2 >>> 12) & 0xf),
    HEX.charCodeAt((h2 >>> 8) & 0xf),
    HEX.charCodeAt((h2 >>> 4) & 0xf),
    HEX.charCodeAt(h2 & 0xf),
    HEX.charCodeAt(h1 >>> 28),
    HEX.charCodeAt((h1 >>> 24) & 0xf),
    HEX.charCodeAt((h1 >>> 20) & 0xf),
    HEX.charCodeAt((h1 >>> 16) & 0xf),
    HEX.charCodeAt((h1 >>> 12) & 0xf),
    HEX.charCodeAt((h1 >>> 8) & 0xf),
    HEX.charCodeAt((h1 >>> 4) & 0xf),
    HEX.charCodeAt(h1 & 0xf),
  );
}
