// ADMIN_USERNAME/ADMIN_PASSWORD create that admin at start when it is missing (CONTRACT.md).
// An existing user is left as it is: the environment never resets a password someone changed.
import type { UserRepository } from '@tickstock/db';
import { hashPassword, type ScryptParams } from '../auth/password';

export async function ensureAdmin(
  users: Pick<UserRepository, 'findByUsername' | 'createIfMissing'>,
  admin: { username?: string | undefined; password?: string | undefined },
  scrypt?: ScryptParams,
): Promise<'created' | 'exists' | 'not-configured'> {
  if (!admin.username || !admin.password) return 'not-configured';
  // Look first, so a restart does not pay for a hash it would throw away.
  if (await users.findByUsername(admin.username)) return 'exists';
  const created = await users.createIfMissing({ username: admin.username, password_hash: await hashPassword(admin.password, scrypt), role: 'admin' });
  return created ? 'created' : 'exists';
}
