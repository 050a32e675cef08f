// Checks a username and password (issue 4): one answer for an unknown user and a wrong password,
// with the same scrypt cost for both; a lock after too many failures, for real and unknown names
// alike; and the lockout counters of a real account kept in the database (shared by replicas).
import type { UserRepository } from '@tickstock/db';
import type { FailureThrottle, LockPolicy } from './failure-throttle';
import { verifyPassword } from './password';
import type { TokenSubject } from './tokens';

export type LoginOutcome = { ok: true; user: TokenSubject } | { ok: false; reason: 'invalid' | 'locked' };

export type LoginService = { attempt(username: string, password: string): Promise<LoginOutcome> };

export type LoginDeps = {
  users: Pick<UserRepository, 'findByUsername' | 'recordFailedAttempt' | 'resetFailedAttempts'>;
  policy: LockPolicy;
  unknownNames: FailureThrottle;
  /** The hash unknown usernames are checked against (password.ts createDummyHash). */
  dummyHash: () => Promise<string>;
  now?: () => number;
};

export function createLoginService(deps: LoginDeps): LoginService {
  const now = deps.now ?? Date.now;
  return {
    async attempt(username, password) {
      // PostgreSQL text cannot hold NUL, so such a name cannot exist: it goes the unknown-user way
      // (the database would refuse the query with an error, not answer "no such user").
      const user = username.includes('\u0000') ? null : await deps.users.findByUsername(username);
      if (!user) {
        if (deps.unknownNames.isLocked(username, now())) return { ok: false, reason: 'locked' };
        await verifyPassword(password, await deps.dummyHash());
        deps.unknownNames.fail(username, now());
        return { ok: false, reason: 'invalid' };
      }
      // A locked account is not checked at all: guesses during the lock learn nothing.
      if (user.locked_until && user.locked_until.getTime() > now()) return { ok: false, reason: 'locked' };
      if (!(await verifyPassword(password, user.password_hash))) {
        await deps.users.recordFailedAttempt(username, { ...deps.policy, now: new Date(now()) });
        return { ok: false, reason: 'invalid' };
      }
      // Only write when there is something to clear: most logins cost no UPDATE.
      if (user.failed_attempts > 0 || user.locked_until) await deps.users.resetFailedAttempts(username);
      return { ok: true, user: { username: user.username, role: user.role } };
    },
  };
}
