// Times on screen are the viewer's local wall clock (a trader reads "14:03:22", not UTC); the
// time zone is a parameter only so tests are independent of the machine's.

const clocks = new Map<string, Intl.DateTimeFormat>();

function clockFormat(timeZone: string | undefined, withDate: boolean): Intl.DateTimeFormat {
  const key = `${timeZone ?? ''}|${withDate}`;
  let f = clocks.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      ...(withDate ? { year: 'numeric', month: '2-digit', day: '2-digit' } : {}),
      ...(timeZone ? { timeZone } : {}),
    });
    clocks.set(key, f);
  }
  return f;
}

function toDate(value: string | number | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "14:03:22". */
export function formatClock(value: string | number | null | undefined, timeZone?: string): string {
  const d = toDate(value);
  return d ? clockFormat(timeZone, false).format(d) : '—';
}

/** "2025-10-07 14:03:22" (ISO order: unambiguous everywhere), for a session start that may be another day. */
export function formatDateTime(value: string | number | null | undefined, timeZone?: string): string {
  const d = toDate(value);
  if (!d) return '—';
  const parts = Object.fromEntries(clockFormat(timeZone, true).formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}:${parts['second']}`;
}

/** 42 → "42s", 303 → "5m 03s", 3720 → "1h 02m". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.floor(seconds);
  if (s < 60) return `${s}s`;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  return `${Math.floor(s / 3600)}h ${pad(Math.floor((s % 3600) / 60))}m`;
}

/** "just now", "12 s ago", "3 min ago". */
export function formatAgo(then: number | null, now: number): string {
  if (then === null) return 'never';
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 2) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  return `${Math.floor(s / 3600)} h ago`;
}
