// `npm run user -w @tickstock/query -- add NAME --role viewer`, run as a process: the password
// comes from stdin, the user can log in, and mistakes exit non-zero with a message.
import { createDb, createUserRepository, type Db } from '@tickstock/db';
import { createTestDatabase, type TestDatabase } from '@tickstock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/auth/password';
import { runScript } from './processes';

describe('user CLI', () => {
  let testDb: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    testDb = await createTestDatabase(import.meta.url);
    db = createDb(testDb.url);
  });
  afterAll(async () => {
    await db?.destroy();
    await testDb?.drop();
  });

  const user = (args: string[], stdin?: string) => runScript('cli/user-cli.ts', args, { env: { DATABASE_URL: testDb.url }, ...(stdin === undefined ? {} : { stdin }) });

  it('adds a viewer with the password from stdin, hashed with scrypt', async () => {
    const run = await user(['add', 'carol', '--role', 'viewer'], 'a long enough password\n');
    expect(run.stderr).not.toContain('a long enough password');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('created viewer carol');
    const row = await createUserRepository(db).findByUsername('carol');
    expect(row?.role).toBe('viewer');
    expect(row?.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('a long enough password', row!.password_hash)).toBe(true);
  });

  it('adds an admin', async () => {
    expect((await user(['add', 'dave', '--role=admin'], 'another long password')).code).toBe(0);
    expect((await createUserRepository(db).findByUsername('dave'))?.role).toBe('admin');
  });

  it('refuses a name that is taken (exit 1)', async () => {
    const run = await user(['add', 'carol'], 'a long enough password\n');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('already exists');
  });

  it('refuses a short password (exit 2) and creates nothing', async () => {
    const run = await user(['add', 'erin'], 'short\n');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('at least 12');
    expect(await createUserRepository(db).findByUsername('erin')).toBeNull();
  });

  it('explains its usage for a bad command (exit 2)', async () => {
    const run = await user(['delete', 'carol']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: npm run user');
  });

  it('names DATABASE_URL when it is missing', async () => {
    const run = await runScript('cli/user-cli.ts', ['add', 'frank'], { env: {}, stdin: 'a long enough password\n' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DATABASE_URL');
  });
});
