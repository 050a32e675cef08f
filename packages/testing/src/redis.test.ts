import { describe, expect, it } from 'vitest';
import { uniquePrefix } from './redis';
import { findRedisServer } from './redis-local';

describe(uniquePrefix.name, () => {
  it('names the test file and differs on every call', () => {
    const a = uniquePrefix('/repo/packages/bus/test/redis-bus.test.ts');
    const b = uniquePrefix('/repo/packages/bus/test/redis-bus.test.ts');
    expect(a).toMatch(/^t:redis-bus:\d+-[0-9a-f]{8}:$/);
    expect(a).not.toBe(b);
  });

  it('keeps only characters that are safe in a key', () => {
    expect(uniquePrefix('weird name*?.ts')).toMatch(/^t:weird_name___ts:/);
  });
});

describe(findRedisServer.name, () => {
  it('finds nothing on an empty PATH', () => {
    const saved = process.env.PATH;
    process.env.PATH = '';
    try {
      expect(findRedisServer()).toBeUndefined();
    } finally {
      process.env.PATH = saved;
    }
  });
});
