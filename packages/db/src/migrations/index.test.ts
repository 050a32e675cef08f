import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './index';

describe('MIGRATIONS', () => {
  const names = Object.keys(MIGRATIONS);

  it('are numbered 0001, 0002, ... without gaps, in the order Kysely runs them (by name)', () => {
    expect(names).toEqual([...names].sort());
    names.forEach((name, i) => expect(name.slice(0, 5)).toBe(`${String(i + 1).padStart(4, '0')}_`));
  });

  it('each has an up and a down', () => {
    for (const m of Object.values(MIGRATIONS)) {
      expect(typeof m.up).toBe('function');
      expect(typeof m.down).toBe('function');
    }
  });
});
