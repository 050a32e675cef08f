// Validation of the strings that identify things: symbols, names (pattern, indicator, alert
// types, statuses, timeframes) and references (session ids, job ids). Whatever passes here is
// safe to store, to use in a Redis key or a frame key, and to show in a browser.
// charCode loops rather than regexes: these run several times per message on the hot path.

export const MAX_SYMBOL_LENGTH = 15;
export const MAX_NAME_LENGTH = 64;
export const MAX_REF_LENGTH = 128;

/**
 * The upper-cased symbol, or null. Rule of CONTRACT.md "Parameters" (`SYMBOL_PATTERN`,
 * `^[A-Za-z0-9][A-Za-z0-9._-]{0,14}$`), checked on the ASCII text before upper-casing so that
 * `ſ` or `ı` cannot turn into `S` or `I`.
 */
export function normalizeSymbol(v: unknown): string | null {
  if (typeof v !== 'string' || v.length === 0 || v.length > MAX_SYMBOL_LENGTH) return null;
  let lower = false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) continue;
    if (c >= 97 && c <= 122) {
      lower = true;
      continue;
    }
    // `.`, `_`, `-` but not first.
    if (i > 0 && (c === 46 || c === 95 || c === 45)) continue;
    return null;
  }
  return lower ? v.toUpperCase() : v;
}

/** A trimmed, non-empty, printable name of at most 64 characters, or null. */
export function normalizeName(v: unknown): string | null {
  return boundedText(v, MAX_NAME_LENGTH);
}

/** A session id or job id: printable text of at most 128 characters, or null. */
export function normalizeRef(v: unknown): string | null {
  return boundedText(v, MAX_REF_LENGTH);
}

function boundedText(v: unknown, max: number): string | null {
  // The slack lets a little padding through to trim() without ever trimming 10 KB.
  if (typeof v !== 'string' || v.length === 0 || v.length > max + 8) return null;
  const t = isPlainEdge(v.charCodeAt(0)) && isPlainEdge(v.charCodeAt(v.length - 1)) ? v : v.trim();
  if (t.length === 0 || t.length > max) return null;
  for (let i = 0; i < t.length; i++) if (!isPrintable(t.charCodeAt(i))) return null;
  return t;
}

/** Visible ASCII: nothing trim() would remove. */
function isPlainEdge(c: number): boolean {
  return c > 32 && c < 127;
}

/** Printable: no C0/C1 controls (which also keeps the id separator out) and no `<`, `>` (markup). */
function isPrintable(c: number): boolean {
  return c >= 32 && (c < 127 || c > 159) && c !== 60 && c !== 62;
}
