import { describe, expect, it } from 'vitest';
import { createFailureThrottle } from './failure-throttle';

describe(createFailureThrottle.name, () => {
  const policy = { maxAttempts: 3, lockMs: 1000 };

  it('locks a name on the failure that reaches maxAttempts, not before', () => {
    const sut = createFailureThrottle(policy);
    sut.fail('ghost', 0);
    sut.fail('ghost', 0);
    expect(sut.isLocked('ghost', 0)).toBe(false);
    sut.fail('ghost', 0);
    expect(sut.isLocked('ghost', 0)).toBe(true);
  });

  it('unlocks after lockMs, with a fresh count', () => {
    const sut = createFailureThrottle(policy);
    for (let i = 0; i < 3; i++) sut.fail('ghost', 0);
    expect(sut.isLocked('ghost', 999)).toBe(true);
    expect(sut.isLocked('ghost', 1000)).toBe(false);
    sut.fail('ghost', 1000);
    expect(sut.isLocked('ghost', 1000)).toBe(false);
  });

  it('keeps names apart', () => {
    const sut = createFailureThrottle(policy);
    for (let i = 0; i < 3; i++) sut.fail('a', 0);
    expect(sut.isLocked('b', 0)).toBe(false);
  });

  it('forgets the least recently failed names past its capacity', () => {
    const sut = createFailureThrottle({ maxAttempts: 1, lockMs: 1000 }, 2);
    sut.fail('a', 0);
    sut.fail('b', 0);
    sut.fail('c', 0);
    expect(sut.size).toBe(2);
    expect(sut.isLocked('a', 0)).toBe(false);
    expect(sut.isLocked('c', 0)).toBe(true);
  });
});
