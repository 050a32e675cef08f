// Timestamp normalization (TICKSTOCKPL-FORMATS.md, "Timestamps"): ISO 8601 with `Z`, `+00:00`,
// another offset or none (Python's naive isoformat(), read as UTC), 0..9 fractional digits
// (truncated to milliseconds, as Python and JS do), epoch seconds (float) or epoch milliseconds
// (above 1e12). Output: UTC ISO 8601 with exactly 3 fractional digits, or null when unusable.
// Hand-written over charCodeAt: this runs once per message on the hot path.

/** Times outside [2000, 2100) are unit mistakes (epoch µs/ns, seconds sent as ms), not market data. */
const MIN_MS = Date.UTC(2000, 0, 1);
const MAX_MS = Date.UTC(2100, 0, 1);
/** 1e12 ms is 2001-09-09 and 1e12 s is year 33658: above it a number can only be milliseconds. */
const EPOCH_MS_THRESHOLD = 1e12;
const EPOCH_STRING = /^\d{9,13}(?:\.\d{1,9})?$/;

// One-entry memo per input type: a stream's messages mostly share their second (bars close
// together, a batch has one time), so the last answer is often the next one. Pure, so safe.
let lastText = '';
let lastTextResult: string | null = null;
let lastNumber = NaN;
let lastNumberResult: string | null = null;

export function normalizeTimestamp(v: unknown): string | null {
  if (typeof v === 'string') {
    if (v === lastText) return lastTextResult;
    lastTextResult = fromIso(v) ?? (EPOCH_STRING.test(v) ? fromEpoch(Number(v)) : null);
    lastText = v;
    return lastTextResult;
  }
  if (typeof v === 'number') {
    if (v === lastNumber) return lastNumberResult;
    lastNumberResult = fromEpoch(v);
    lastNumber = v;
    return lastNumberResult;
  }
  return null;
}

function fromEpoch(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  const ms = Math.round(n > EPOCH_MS_THRESHOLD ? n : n * 1000);
  return ms >= MIN_MS && ms < MAX_MS ? isoFromMs(ms) : null;
}

/** Two ASCII digits at i as a number, or -1. */
function d2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function fromIso(s: string): string | null {
  const n = s.length;
  if (n < 10 || n > 40 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const hi = d2(s, 0);
  const lo = d2(s, 2);
  const month = d2(s, 5);
  const day = d2(s, 8);
  if (hi < 0 || lo < 0 || month < 1 || month > 12 || day < 1) return null;
  const year = hi * 100 + lo;
  if (year < 2000 || year > 2100 || day > daysIn(year, month)) return null;
  const date = s.slice(0, 10);
  if (n === 10) return year < 2100 ? `${date}T00:00:00.000Z` : null;

  // Separator: `T` (ISO), `t`, or a space (Python's str(datetime)).
  const sep = s.charCodeAt(10);
  if ((sep !== 84 && sep !== 116 && sep !== 32) || s.charCodeAt(13) !== 58) return null;
  const hour = d2(s, 11);
  const minute = d2(s, 14);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
  let i = 16;
  let second = 0;
  if (s.charCodeAt(i) === 58) {
    second = d2(s, i + 1);
    if (second < 0 || second > 59) return null;
    i += 3;
  }
  let millis = 0;
  if (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44) {
    const start = ++i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    const digits = i - start;
    if (digits < 1 || digits > 9) return null;
    // Truncate to milliseconds: 13:30:00.123456 → .123 (Python and JS both truncate).
    for (let k = 0; k < 3; k++) millis = millis * 10 + (k < digits ? s.charCodeAt(start + k) - 48 : 0);
  }

  let offsetMinutes = 0;
  if (i < n) {
    const z = s.charCodeAt(i);
    if (z === 90 || z === 122) {
      if (i + 1 !== n) return null;
    } else if (z === 43 || z === 45) {
      const oh = d2(s, i + 1);
      let j = i + 3;
      if (s.charCodeAt(j) === 58) j++;
      const om = j === n ? 0 : d2(s, j);
      if (oh < 0 || oh > 23 || om < 0 || om > 59 || (j !== n && j + 2 !== n)) return null;
      offsetMinutes = (z === 45 ? -1 : 1) * (oh * 60 + om);
    } else {
      return null;
    }
  }

  if (offsetMinutes === 0) {
    if (year === 2100) return null;
    // Already UTC: build the canonical text without a Date (the common case by far).
    if (n === 24 && i === 23 && sep === 84 && s.charCodeAt(19) === 46) return s.charCodeAt(23) === 90 ? s : `${s.slice(0, 23)}Z`;
    return `${date}T${s.slice(11, 16)}:${pad2(second)}.${pad3(millis)}Z`;
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  return ms >= MIN_MS && ms < MAX_MS ? isoFromMs(ms) : null;
}

/**
 * `new Date(ms).toISOString()` for integer ms in [MIN_MS, MAX_MS), without the Date: that costs
 * ~390 ns here, this ~60. Civil-from-days after Howard Hinnant's "chrono-compatible low-level
 * date algorithms"; the tests compare it with toISOString.
 */
export function isoFromMs(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const millis = rest - second * 1000;
  // Days since 0000-03-01 in 400-year eras (all dates here are in era 5).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}.${pad3(millis)}Z`;
}

function pad2(v: number): string {
  return v < 10 ? `0${v}` : `${v}`;
}

function pad3(v: number): string {
  return v < 10 ? `00${v}` : v < 100 ? `0${v}` : `${v}`;
}
