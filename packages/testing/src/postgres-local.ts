// A throwaway PostgreSQL from the machine's own server binaries (STACK.md: PostgreSQL 15 in
// /usr/lib/postgresql/15/bin, not started), in a temp dir on a free port, run in the foreground
// under a small watchdog (postgres-watchdog.mjs) that stops it if this process dies.
// initdb and postgres refuse to run as root, so as root they run as the OS user `postgres`
// (spawn's uid/gid, the same as `runuser -u postgres --` without su's PAM session and signal relay).
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, chownSync, constants, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { waitForPostgres } from './postgres-db';

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const WATCHDOG = fileURLToPath(new URL('./postgres-watchdog.mjs', import.meta.url));

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch (err) {
    void err; // absent or not executable: the caller tries the next candidate
    return false;
  }
}

const hasServer = (dir: string) => isExecutable(join(dir, 'initdb')) && isExecutable(join(dir, 'postgres'));

/** The directory holding `initdb` and `postgres`: `pg_config --bindir`, else the newest /usr/lib/postgresql/N/bin. */
export function findPostgresBinDir(): string | undefined {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (dir && hasServer(dir)) return dir;
  } catch (err) {
    void err; // no pg_config on PATH (it comes with libpq-dev): look in Debian's layout instead
  }
  const root = '/usr/lib/postgresql';
  let versions: string[] = [];
  try {
    versions = readdirSync(root).filter((v) => /^\d+$/.test(v));
  } catch (err) {
    void err; // no Debian PostgreSQL packages installed
  }
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(root, v, 'bin')).find(hasServer);
}

type RunAs = { uid: number; gid: number } | undefined;

function postgresUser(): RunAs {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch (err) {
    throw new Error('PostgreSQL refuses to run as root and there is no OS user `postgres` (apt-get install postgresql creates it)', { cause: err });
  }
}

export type LocalPostgresServer = {
  readonly port: number;
  readonly url: string;
  /** Starts (again) on the same port and data; resolves once it accepts connections. */
  start(): Promise<void>;
  /** SIGINT: fast shutdown (sessions are ended, data is kept). */
  stop(): Promise<void>;
  /** SIGQUIT: immediate shutdown, as a crash; the next start recovers from the WAL. */
  kill(): Promise<void>;
  /** Stops for good and removes the temp dir. */
  dispose(): Promise<void>;
};

/** Runs initdb in a new temp dir; the server is started by `start()`. */
export async function createLocalPostgresServer(binDir: string, port: number): Promise<LocalPostgresServer> {
  const runAs = postgresUser();
  const base = mkdtempSync(join(tmpdir(), 'tickstock-pg-'));
  const data = join(base, 'data');
  mkdirSync(data, { mode: 0o700 });
  if (runAs) {
    chownSync(base, runAs.uid, runAs.gid);
    chownSync(data, runAs.uid, runAs.gid);
  }
  try {
    // --no-sync: nothing here needs to survive a power cut; trust auth: loopback-only throwaway server.
    await promisify(execFile)(join(binDir, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync'], {
      cwd: base,
      env: { ...process.env, HOME: base, LC_ALL: 'C' },
      ...runAs,
    });
  } catch (err) {
    rmSync(base, { recursive: true, force: true });
    const stderr = (err as { stderr?: string }).stderr ?? '';
    throw new Error(`initdb failed: ${stderr.trim() || String(err)}`, { cause: err });
  }

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let log = '';
  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;

  const halt = async (signal: NodeJS.Signals) => {
    const proc = child;
    if (!proc || !running()) return;
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill('SIGQUIT'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  const start = async () => {
    if (running()) return;
    const args = ['-D', data, '-p', String(port), '-k', base, '-c', 'listen_addresses=127.0.0.1'];
    // Durability off (a test server), room for several test files' pools at once.
    args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200');
    const spec = { command: join(binDir, 'postgres'), args, cwd: base, cleanupDir: base, ...runAs };
    const proc = spawn(process.execPath, [WATCHDOG, JSON.stringify(spec)], { stdio: ['pipe', 'ignore', 'pipe'] });
    child = proc;
    log = '';
    proc.stderr?.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString('utf8')).slice(-4_000);
    });
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    try {
      await waitForPostgres(url, {
        timeoutMs: READY_TIMEOUT_MS,
        what: `postgres on port ${port} to accept connections`,
        alive: () => {
          if (!running()) throw new Error(`postgres exited (${proc.exitCode ?? proc.signalCode}): ${log.trim()}`);
        },
      });
    } catch (err) {
      await halt('SIGQUIT');
      throw err;
    }
  };

  return {
    port,
    url,
    start,
    stop: () => halt('SIGINT'),
    kill: () => halt('SIGQUIT'),
    async dispose() {
      await halt('SIGINT');
      rmSync(base, { recursive: true, force: true });
    },
  };
}
