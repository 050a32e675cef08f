// Size and depth limits: checked before (size) and right after (depth) JSON.parse, so no
// normalizer, store or browser ever walks a hostile payload (TICKSTOCKPL-FORMATS.md, "Bad input":
// huge payloads, deep nesting); and text PostgreSQL cannot store, which would otherwise be
// accepted and then refused by every insert of its batch (found by the fault suite's fuzzer).
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

/**
 * U+0000 (text and jsonb refuse it: "unsupported Unicode escape sequence") and unpaired UTF-16
 * surrogates (not Unicode; jsonb refuses `\ud800` alone).
 */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly the character looked for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** JSON text carries such characters only as `\u` escapes (a raw NUL fails JSON.parse), or as raw surrogates. */
export function mayHoldUnstorableText(text: string): boolean {
  return text.includes('\\u') || /[\ud800-\udfff]/.test(text);
}

/** Where the first key or string value PostgreSQL cannot store is (`metadata.notes[1]`), or null. */
export function findUnstorableText(v: unknown, path = ''): string | null {
  if (typeof v === 'string') return UNSTORABLE.test(v) ? path || '(value)' : null;
  if (typeof v !== 'object' || v === null) return null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const found = findUnstorableText(v[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  const o = v as Record<string, unknown>;
  for (const key in o) {
    const here = path ? `${path}.${key}` : key;
    if (UNSTORABLE.test(key)) return here;
    const found = findUnstorableText(o[key], here);
    if (found !== null) return found;
  }
  return null;
}
