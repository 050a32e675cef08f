// Size and depth limits: checked before (size) and right after (depth) JSON.parse, so no
// normalizer, store or browser ever walks a hostile payload (TICKSTOCKPL-FORMATS.md, "Bad input":
// huge payloads, deep nesting).
import { MAX_DEPTH, MAX_PAYLOAD_BYTES } from './result';

/** True when `text`, as UTF-8, is over MAX_PAYLOAD_BYTES. Counts bytes only in the rare band where it matters. */
export function isTooLarge(text: string): boolean {
  const n = text.length;
  // A UTF-16 unit is 1 to 3 UTF-8 bytes (a surrogate pair is 4 bytes for 2 units).
  if (n > MAX_PAYLOAD_BYTES) return true;
  if (n * 3 <= MAX_PAYLOAD_BYTES) return false;
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    if (bytes > MAX_PAYLOAD_BYTES) return true;
  }
  return false;
}

/** True when arrays/objects nest deeper than MAX_DEPTH (the top-level object is depth 1). Stops at the limit, so recursion is bounded. */
export function isTooDeep(v: object): boolean {
  return deeper(v, MAX_DEPTH);
}

function deeper(v: object, budget: number): boolean {
  if (budget === 0) return true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x === 'object' && x !== null && deeper(x, budget - 1)) return true;
    }
    return false;
  }
  const o = v as Record<string, unknown>;
  for (const key in o) {
    const x = o[key];
    if (typeof x === 'object' && x !== null && deeper(x, budget - 1)) return true;
  }
  return false;
}
