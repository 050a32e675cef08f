// PostgreSQL for the local stack: DATABASE_URL when set, else the machine's own server binaries
// with a data directory under ./.data/postgres that survives restarts (initdb on first start).
// PostgreSQL refuses to run as root: as root it runs as the OS user `postgres`.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startChild, stopChild } from './children';
import { waitUntil } from './wait';

export type StackPostgres = { url: string; stop(): Promise<void> };

function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  return versions.map((v) => join(root, v, 'bin')).find((dir) => existsSync(join(dir, 'postgres')));
}

function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export async function startStackPostgres(dataRoot: string, port: number): Promise<StackPostgres> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: () => Promise.resolve() };
  const bin = binDir();
  if (!bin) throw new Error('No PostgreSQL: set DATABASE_URL, or install the server (Debian: apt-get install -y postgresql)');
  const runAs = postgresUser();
  const dir = join(dataRoot, 'postgres');
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (runAs) chownSync(dir, runAs.uid, runAs.gid);
    execFileSync(join(bin, 'initdb'), ['-D', dir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8'], { stdio: 'ignore', ...runAs });
  }
  const child = startChild(
    'postgres',
    join(bin, 'postgres'),
    ['-D', dir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
    { quiet: true, ...runAs },
  );
  const base = `postgres://postgres@127.0.0.1:${port}`;
  await waitUntil('postgres', () => Promise.resolve(tryPsql(bin, port, 'select 1')), 30_000);
  if (!tryPsql(bin, port, "select 1 from pg_database where datname = 'tickstock'", true)) {
    execFileSync(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'tickstock'], { stdio: 'ignore' });
  }
  return { url: `${base}/tickstock`, stop: () => stopChild(child, 'SIGINT', 15_000) };
}

/** Runs one query with the psql client that ships beside the server binaries. */
function tryPsql(bin: string, port: number, query: string, wantRow = false): boolean {
  try {
    const out = execFileSync(join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-tAc', query], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return wantRow ? out.trim() === '1' : true;
  } catch (err) {
    void err; // not accepting connections yet
    return false;
  }
}
