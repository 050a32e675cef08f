// `npm run user -w @tickstock/query -- add NAME --role viewer`: creates a user (issue 4).
// A second entry point beside main.ts; like it, it is a composition root and reads process.env.
import { loadConfig, DatabaseSettings } from '@tickstock/config';
import { createDb, createUserRepository, prepareStorage } from '@tickstock/db';
import { Type } from 'typebox';
import { hashPassword } from '../auth/password';
import { checkPassword, parseUserArgs, USAGE, UsageError } from './parse-args';
import { readPassword } from './read-password';

const CliConfig = Type.Object({ ...DatabaseSettings });

async function run(argv: readonly string[]): Promise<number> {
  const command = parseUserArgs(argv);
  if (command.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig(CliConfig, process.env);
  const password = await readPassword(process.stdin, process.stderr, `Password for ${command.username}: `);
  const problem = checkPassword(password);
  if (problem) throw new UsageError(problem);

  const db = createDb(config.DATABASE_URL, { applicationName: 'query-user-cli', maxConnections: 1 });
  try {
    // A fresh database gets its tables, as the service would give it (with the same retention).
    await prepareStorage(db, { retentionDays: config.INTRADAY_RETENTION_DAYS });
    await createUserRepository(db).create({ username: command.username, password_hash: await hashPassword(password), role: command.role });
    process.stdout.write(`created ${command.role} ${command.username}\n`);
    return 0;
  } finally {
    await db.destroy();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`user: ${message}\n`);
    if (err instanceof UsageError) process.stderr.write(`${USAGE}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
