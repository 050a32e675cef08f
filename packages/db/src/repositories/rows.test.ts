import { describe, expect, it } from 'vitest';
import { chunked, iso, json, jsonOrNull, windowStart } from './rows';

describe(iso.name, () => {
  it('writes UTC ISO 8601 with milliseconds, whatever offset the input had', () => {
    expect(iso(new Date('2025-10-07T14:14:54+02:00'))).toBe('2025-10-07T12:14:54.000Z');
    expect(iso('2025-10-07T12:14:54.5Z')).toBe('2025-10-07T12:14:54.500Z');
  });
});

describe(json.name, () => {
  it('keeps an array as a JSON array (pg alone would send a PostgreSQL array literal)', () => {
    expect(json(['a', 'b'])).toBe('["a","b"]');
  });

  it('stores a missing object as {}', () => {
    expect(json(undefined)).toBe('{}');
  });

  it('jsonOrNull keeps null as SQL NULL', () => {
    expect(jsonOrNull(null)).toBeNull();
    expect(jsonOrNull({ a: 1 })).toBe('{"a":1}');
  });
});

describe(windowStart.name, () => {
  it('is `hours` before now', () => {
    expect(windowStart(2, new Date('2025-01-01T12:00:00Z')).toISOString()).toBe('2025-01-01T10:00:00.000Z');
  });
});

describe(chunked.name, () => {
  it('splits into slices of at most `size`, in order', () => {
    expect(chunked([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('gives no slice for no items (so no statement is sent)', () => {
    expect(chunked([], 2)).toEqual([]);
  });
});
