// `user add NAME [--role viewer|admin]` (issue 4). Pure, so the rules are unit-tested.
import type { Role } from '@tickstock/contracts';

export type UserCommand = { command: 'add'; username: string; role: Role } | { command: 'help' };

export const USAGE = `usage: npm run user -w @tickstock/query -- add NAME [--role viewer|admin]
  Creates a user. The password is read from the terminal without echo, or from stdin:
  printf '%s\\n' "$PASSWORD" | npm run user -w @tickstock/query -- add ann --role viewer
  Needs DATABASE_URL.`;

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseUserArgs(argv: readonly string[]): UserCommand {
  const args = [...argv];
  const command = args.shift();
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command !== 'add') throw new UsageError(`unknown command "${command}"`);
  let username: string | undefined;
  let role: Role = 'viewer';
  while (args.length > 0) {
    const arg = args.shift()!;
    if (arg === '--role' || arg.startsWith('--role=')) {
      const value = arg === '--role' ? args.shift() : arg.slice('--role='.length);
      if (value !== 'viewer' && value !== 'admin') throw new UsageError('--role must be viewer or admin');
      role = value;
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option "${arg}"`);
    } else if (username === undefined) {
      username = arg;
    } else {
      throw new UsageError(`unexpected argument "${arg}"`);
    }
  }
  if (username === undefined) throw new UsageError('a username is required');
  if (!USERNAME.test(username)) throw new UsageError('a username is 1-64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit');
  return { command: 'add', username, role };
}

export const MIN_PASSWORD_LENGTH = 12;

export function checkPassword(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 256) return 'a password has at most 256 characters';
  return null;
}
