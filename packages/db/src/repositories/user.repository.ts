// Accounts for /auth/login. Lockout bookkeeping is done in single UPDATE statements so that
// concurrent failed logins against one account cannot lose a count.
import { sql, type Kysely, type Selectable } from 'kysely';
import { translated } from '../errors';
import type { Database, UserRole, UsersTable } from '../schema';

export type User = Selectable<UsersTable>;
export type NewUser = { username: string; password_hash: string; role?: UserRole };
export type LockoutPolicy = { maxAttempts: number; lockMs: number; now?: Date };
export type FailedAttemptResult = { failed_attempts: number; locked_until: Date | null };

export class UserExistsError extends Error {
  override readonly name = 'UserExistsError';
}

export type UserRepository = {
  findByUsername(username: string): Promise<User | null>;
  /** Throws UserExistsError when the username is taken. */
  create(user: NewUser): Promise<User>;
  /** For ADMIN_USERNAME at start: creates the user unless one exists; true when it did. */
  createIfMissing(user: NewUser): Promise<boolean>;
  /**
   * Counts a failed login. The attempt that reaches `maxAttempts` locks the account for `lockMs`
   * and starts the count again, so after the lock the user has `maxAttempts` fresh tries.
   * Null for an unknown username.
   */
  recordFailedAttempt(username: string, policy: LockoutPolicy): Promise<FailedAttemptResult | null>;
  /** After a successful login: no failures, no lock. */
  resetFailedAttempts(username: string): Promise<void>;
  /** Locks the account until `until` (an operator's action); false for an unknown username. */
  lockUntil(username: string, until: Date): Promise<boolean>;
};

const UNIQUE_VIOLATION = '23505';

export function createUserRepository(db: Kysely<Database>): UserRepository {
  return {
    findByUsername: (username) =>
      translated(async () => (await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst()) ?? null),

    create: (user) =>
      translated(async () => {
        try {
          return await db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
        } catch (err) {
          if ((err as { code?: unknown }).code === UNIQUE_VIOLATION) {
            throw new UserExistsError(`user ${user.username} already exists`, { cause: err });
          }
          throw err;
        }
      }),

    createIfMissing: (user) =>
      translated(async () => {
        const result = await db
          .insertInto('users')
          .values(user)
          .onConflict((oc) => oc.column('username').doNothing())
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
      }),

    recordFailedAttempt: (username, { maxAttempts, lockMs, now = new Date() }) =>
      translated(async () => {
        const reached = sql<boolean>`users.failed_attempts + 1 >= ${maxAttempts}`;
        const row = await db
          .updateTable('users')
          .set({
            failed_attempts: sql<number>`case when ${reached} then 0 else users.failed_attempts + 1 end`,
            locked_until: sql<Date | null>`case when ${reached} then ${new Date(now.getTime() + lockMs)}::timestamptz else users.locked_until end`,
          })
          .where('username', '=', username)
          .returning(['failed_attempts', 'locked_until'])
          .executeTakeFirst();
        return row ?? null;
      }),

    resetFailedAttempts: (username) =>
      translated(async () => {
        await db.updateTable('users').set({ failed_attempts: 0, locked_until: null }).where('username', '=', username).execute();
      }),

    lockUntil: (username, until) =>
      translated(async () => {
        const result = await db.updateTable('users').set({ locked_until: until }).where('username', '=', username).executeTakeFirst();
        return Number(result.numUpdatedRows) > 0;
      }),
  };
}
