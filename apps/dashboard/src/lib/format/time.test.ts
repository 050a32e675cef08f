import { describe, expect, it } from 'vitest';
import { formatAgo, formatClock, formatDateTime, formatDuration } from './time';

describe('time formatting', () => {
  it('shows event times as a 24-hour wall clock in the given zone', () => {
    expect(formatClock('2026-01-05T14:03:22.000Z', 'UTC')).toBe('14:03:22');
    expect(formatClock('2026-01-05T14:03:22.000Z', 'America/New_York')).toBe('09:03:22');
    expect(formatDateTime('2026-01-05T14:03:22.000Z', 'UTC')).toBe('2026-01-05 14:03:22');
  });

  it('shows a dash for a missing or broken time', () => {
    expect(formatClock(null)).toBe('—');
    expect(formatClock('not a time')).toBe('—');
  });

  it('formats durations compactly', () => {
    expect([42, 303, 3720, -1, null].map(formatDuration)).toEqual(['42s', '5m 03s', '1h 02m', '—', '—']);
  });

  it('says how long ago the last update was', () => {
    expect(formatAgo(null, 0)).toBe('never');
    expect(formatAgo(10_000, 10_500)).toBe('just now');
    expect(formatAgo(0, 12_000)).toBe('12 s ago');
    expect(formatAgo(0, 180_000)).toBe('3 min ago');
  });
});
