// Field readers shared by the normalizers. The rule they encode: a field the event is about
// (its identity or its measurement) must be right, or the message is rejected; a descriptive
// field that is missing or wrong takes a default and leaves a note ("usable but incomplete is
// accepted with defaults and a note", TICKSTOCKPL-FORMATS.md, "Bad input").
import { normalizeName, normalizeRef, normalizeSymbol } from './symbols';
import { note, Rejection, type DecodeContext } from './result';
import { normalizeTimestamp } from './timestamps';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first of the alternatives that is present ("take the first one present"). */
export function first(a: unknown, b: unknown, c?: unknown): unknown {
  return a !== undefined && a !== null ? a : b !== undefined && b !== null ? b : c;
}

function absent(v: unknown): v is null | undefined {
  return v === undefined || v === null;
}

/** A short, safe description of a bad value for a detail or a note: never echoes 10 KB. */
export function preview(v: unknown): string {
  if (typeof v === 'string') {
    const quoted = JSON.stringify(v.length > 32 ? `${v.slice(0, 32)}…` : v);
    // Escapes (\u0000) can make 32 characters six times longer: cap the quoted text too.
    return (quoted.length > 64 ? `${quoted.slice(0, 63)}…"` : quoted) + (v.length > 32 ? ` (${v.length} chars)` : '');
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  return Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : typeof v;
}

export function bad(field: string, why: string, v: unknown): Rejection {
  return new Rejection('invalid_field', `${field}: ${why}, got ${preview(v)}`);
}

export function missing(field: string): Rejection {
  return new Rejection('missing_field', `${field}: missing`);
}

export function requireSymbol(v: unknown, field = 'symbol'): string | Rejection {
  if (absent(v)) return missing(field);
  return normalizeSymbol(v) ?? bad(field, 'not a symbol (1-15 of A-Z 0-9 . _ -)', v);
}

export function requireName(v: unknown, field: string): string | Rejection {
  if (absent(v)) return missing(field);
  return normalizeName(v) ?? bad(field, 'not a name (1-64 printable characters, no <>)', v);
}

export function requireRef(v: unknown, field: string): string | Rejection {
  if (absent(v)) return missing(field);
  return normalizeRef(v) ?? bad(field, 'not an id (1-128 printable characters)', v);
}

/** A number in [0, 1] (confidence): the measurement itself, so it must be there and be right. */
export function requireUnit(v: unknown, field: string): number | Rejection {
  if (absent(v)) return missing(field);
  return typeof v === 'number' && v >= 0 && v <= 1 ? v : bad(field, 'must be a number in [0, 1]', v);
}

/** A number in [0, 1] when present (envelope confidence, backtest progress); null when absent. */
export function optionalUnit(v: unknown, field: string): number | null | Rejection {
  return absent(v) ? null : requireUnit(v, field);
}

/** A number, or null (absent; or wrong, with a note). JSON.parse turns 1e400 into Infinity: not a number here. */
export function optionalNumber(ctx: DecodeContext, v: unknown, field: string): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (!absent(v)) note(ctx, `${field}: not a number (${preview(v)}), set to null`);
  return null;
}

/** An object, or null (absent; or wrong, with a note). */
export function optionalObject(ctx: DecodeContext, v: unknown, field: string): Obj | null {
  if (isObj(v)) return v;
  if (!absent(v)) note(ctx, `${field}: not an object (${preview(v)}), set to null`);
  return null;
}

/** An object, or a fresh {} (absent; or wrong, with a note). */
export function objectOrEmpty(ctx: DecodeContext, v: unknown, field: string): Obj {
  if (isObj(v)) return v;
  if (!absent(v)) note(ctx, `${field}: not an object (${preview(v)}), set to {}`);
  return {};
}

/** A reference such as a session id, or null (absent; or wrong, with a note). */
export function optionalRef(ctx: DecodeContext, v: unknown, field: string): string | null {
  if (absent(v)) return null;
  const ref = normalizeRef(v);
  if (ref === null) note(ctx, `${field}: not an id (${preview(v)}), set to null`);
  return ref;
}

/** A descriptive name (a source, a status), or null (absent; or wrong, with a note). */
export function optionalName(ctx: DecodeContext, v: unknown, field: string): string | null {
  if (absent(v)) return null;
  const name = normalizeName(v);
  if (name === null) note(ctx, `${field}: not a name (${preview(v)}), set to null`);
  return name;
}

/** A descriptive name (severity, status, universe) or the documented default, with a note. */
export function nameOr(ctx: DecodeContext, v: unknown, field: string, fallback: string): string {
  const name = normalizeName(v);
  if (name !== null) return name;
  note(ctx, absent(v) ? `${field}: missing, defaulted to "${fallback}"` : `${field}: not a name (${preview(v)}), defaulted to "${fallback}"`);
  return fallback;
}

/** A normalized timestamp; a missing or unusable one becomes the receive time, with a note. */
export function timeOf(ctx: DecodeContext, v: unknown, field = 'timestamp'): string {
  const t = normalizeTimestamp(v);
  if (t !== null) return t;
  note(ctx, absent(v) ? `${field}: missing, used the receive time` : `${field}: unusable (${preview(v)}), used the receive time`);
  const at = ctx.receivedAt;
  return (at !== undefined && Number.isFinite(at.getTime()) ? at : new Date()).toISOString();
}

/** Copies `from`'s keys not in `skip` into `into` (own data properties, `__proto__` included). */
export function copyExtras(from: Obj, skip: ReadonlySet<string>, into: Obj): Obj {
  for (const key in from) {
    if (skip.has(key) || !Object.hasOwn(from, key)) continue;
    if (key === '__proto__') Object.defineProperty(into, key, { value: from[key], enumerable: true, writable: true, configurable: true });
    else into[key] = from[key];
  }
  return into;
}

/** True when `o` has at least one of `keys` (with any value but undefined). */
export function hasAny(o: Obj, keys: readonly string[]): boolean {
  for (const key of keys) if (o[key] !== undefined) return true;
  return false;
}
