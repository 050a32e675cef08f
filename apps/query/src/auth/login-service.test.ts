import type { User } from '@tickstock/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFailureThrottle } from './failure-throttle';
import { createLoginService, type LoginDeps } from './login-service';
import { createDummyHash, hashPassword } from './password';

const FAST = { N: 1024, r: 8, p: 1 };
const policy = { maxAttempts: 3, lockMs: 60_000 };

/** An in-memory users table with the repository's lockout rule (db/user.repository.ts). */
function fakeUsers(initial: User[]) {
  const rows = new Map(initial.map((u) => [u.username, { ...u }]));
  const calls = { reset: 0 };
  const users: LoginDeps['users'] = {
    findByUsername: (name) => Promise.resolve(rows.has(name) ? { ...rows.get(name)! } : null),
    recordFailedAttempt: (name, p) => {
      const row = rows.get(name);
      if (!row) return Promise.resolve(null);
      const reached = row.failed_attempts + 1 >= p.maxAttempts;
      row.failed_attempts = reached ? 0 : row.failed_attempts + 1;
      if (reached) row.locked_until = new Date((p.now ?? new Date()).getTime() + p.lockMs);
      return Promise.resolve({ failed_attempts: row.failed_attempts, locked_until: row.locked_until });
    },
    resetFailedAttempts: (name) => {
      calls.reset++;
      const row = rows.get(name)!;
      row.failed_attempts = 0;
      row.locked_until = null;
      return Promise.resolve();
    },
  };
  return { users, rows, calls };
}

describe(createLoginService.name, () => {
  let ann: User;
  beforeAll(async () => {
    ann = { id: 1, username: 'ann', password_hash: await hashPassword('s3cret-pass', FAST), role: 'viewer', failed_attempts: 0, locked_until: null, created_at: new Date(0) };
  });

  function setup(clock = { t: 1_000_000 }) {
    const fake = fakeUsers([ann]);
    const sut = createLoginService({ users: fake.users, policy, unknownNames: createFailureThrottle(policy), dummyHash: createDummyHash(FAST), now: () => clock.t });
    return { sut, ...fake, clock };
  }

  it('lets the right password in with the stored role', async () => {
    const { sut, calls } = setup();
    expect(await sut.attempt('ann', 's3cret-pass')).toEqual({ ok: true, user: { username: 'ann', role: 'viewer' } });
    expect(calls.reset).toBe(0);
  });

  it('answers an unknown user and a wrong password the same way', async () => {
    const { sut } = setup();
    expect(await sut.attempt('nobody', 'x')).toEqual({ ok: false, reason: 'invalid' });
    expect(await sut.attempt('ann', 'wrong')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('locks the account after maxAttempts wrong passwords, even against the right one', async () => {
    const { sut, rows } = setup();
    for (let i = 0; i < 3; i++) expect((await sut.attempt('ann', 'wrong')).ok).toBe(false);
    expect(rows.get('ann')!.locked_until).not.toBeNull();
    expect(await sut.attempt('ann', 's3cret-pass')).toEqual({ ok: false, reason: 'locked' });
  });

  it('opens again after the lock and clears the counters on success', async () => {
    const { sut, rows, clock, calls } = setup();
    for (let i = 0; i < 3; i++) await sut.attempt('ann', 'wrong');
    clock.t += policy.lockMs;
    expect((await sut.attempt('ann', 's3cret-pass')).ok).toBe(true);
    expect(calls.reset).toBe(1);
    expect(rows.get('ann')!.locked_until).toBeNull();
  });

  it('locks unknown names by the same rule, so a lock does not reveal that a name exists', async () => {
    const { sut } = setup();
    for (let i = 0; i < 3; i++) expect(await sut.attempt('ghost', 'x')).toEqual({ ok: false, reason: 'invalid' });
    expect(await sut.attempt('ghost', 'x')).toEqual({ ok: false, reason: 'locked' });
  });
});

describe('createLoginService with a name PostgreSQL cannot hold', () => {
  it('answers like an unknown user without asking the database', async () => {
    const users: LoginDeps['users'] = {
      findByUsername: () => Promise.reject(new Error('invalid byte sequence for encoding "UTF8": 0x00')),
      recordFailedAttempt: () => Promise.resolve(null),
      resetFailedAttempts: () => Promise.resolve(),
    };
    const sut = createLoginService({ users, policy, unknownNames: createFailureThrottle(policy), dummyHash: createDummyHash(FAST) });
    expect(await sut.attempt('ann\u0000', 'x')).toEqual({ ok: false, reason: 'invalid' });
  });
});
