// Validation of the strings that identify things: symbols, names (pattern, indicator, alert
// types, statuses, timeframes) and references (session ids, job ids). Whatever passes here is
// safe to store, to use in a Redis key or a frame key, and to show in a browser.
import { SYMBOL_PATTERN } from '../rest';

/** CONTRACT.md "Parameters": the symbol rule, tested before upper-casing (so `ſ`→`S` tricks fail). */
const SYMBOL = new RegExp(SYMBOL_PATTERN);
export const MAX_NAME_LENGTH = 64;
export const MAX_REF_LENGTH = 128;
/** Printable: no C0/C1 controls (which also keeps the id separator out), no `<>` (markup). */
// eslint-disable-next-line no-control-regex -- rejecting control characters is the point
const PRINTABLE = /^[^\u0000-\u001f\u007f-\u009f<>]+$/;

/** An upper-cased symbol, or null when the value is not a valid symbol. */
export function normalizeSymbol(v: unknown): string | null {
  if (typeof v !== 'string' || v.length === 0 || v.length > 15 || !SYMBOL.test(v)) return null;
  return v.toUpperCase();
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
  if (typeof v !== 'string' || v.length === 0 || v.length > max + 8) return null;
  const t = v.trim();
  return t.length > 0 && t.length <= max && PRINTABLE.test(t) ? t : null;
}
