// The local stack's secrets: JWT_SECRET and the admin password, from the environment when set,
// else generated once and kept under ./.data (git-ignored, mode 0600), so a restart keeps logins
// valid. Never printed, except the generated admin password, once, when the user is created.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function jwtSecret(dataRoot: string): string {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  const file = join(dataRoot, 'jwt-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

export type AdminLogin = { username: string; password: string; generated: boolean; firstRun: boolean; markCreated(): void };

/** The admin login: `firstRun` tells whether a generated password must be printed now. */
export function adminLogin(dataRoot: string): AdminLogin {
  const username = process.env.ADMIN_USERNAME ?? 'admin';
  const marker = join(dataRoot, `admin-created-${username}`);
  const firstRun = !existsSync(marker);
  const markCreated = () => writeFileSync(marker, new Date().toISOString(), { mode: 0o600 });
  if (process.env.ADMIN_PASSWORD) return { username, password: process.env.ADMIN_PASSWORD, generated: false, firstRun, markCreated };
  // On later runs the user exists already (the query service creates it only when missing),
  // so this fresh value changes nothing; it only satisfies the setting.
  return { username, password: randomBytes(12).toString('base64url'), generated: true, firstRun, markCreated };
}
