import { describe, expect, it } from 'vitest';
import { idBefore } from './catch-up';

describe(idBefore.name, () => {
  it('is the largest id before the given one, so an exclusive XRANGE start includes it', () => {
    expect(idBefore('1700000000000-5')).toBe('1700000000000-4');
    expect(idBefore('1700000000000-0')).toBe('1699999999999-18446744073709551615');
    expect(idBefore('0-0')).toBe('0-0');
  });
});
