// A throwaway redis-server from PATH, run in the FOREGROUND as our child: a daemonized one
// lingers as a zombie on these machines (STACK.md), and a child dies with the test run.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { waitFor } from './wait';

const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

/** Absolute path of `redis-server` on PATH, or undefined when it is not installed. */
export function findRedisServer(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch (err) {
      // Not in this PATH entry (ENOENT/EACCES): keep looking in the next one.
      void err;
    }
  }
  return undefined;
}

/** Answers true when a Redis on host:port replies +PONG to an inline PING. */
export function pingRedis(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.connect(port, host, () => socket.write('PING\r\n'));
  });
}

const lastLines = (log: string) => log.trim().split('\n').slice(-3).join(' | ');

export type LocalRedisServer = {
  readonly port: number;
  /** Its working directory (nothing is written there with --save '', but redis needs one). */
  readonly dir: string;
  /** Starts the server on its port (again); resolves once it answers PING. */
  start: () => Promise<void>;
  /** SIGTERM and wait for the exit: a clean shutdown, as an operator's restart would do. */
  stop: () => Promise<void>;
  /** SIGKILL and wait for the exit: a crash. */
  kill: () => Promise<void>;
  /** Stops the server for good and removes its temp dir. */
  dispose: () => Promise<void>;
};

export type LocalRedisOptions = {
  /**
   * AOF persistence (`appendonly yes`, `appendfsync everysec`, as infra/compose.yaml runs Redis):
   * a stop and start keep the data, so an outage test sees what a persistent Redis gives back.
   */
  appendOnly?: boolean;
};

/** Prepares (does not start) a redis-server bound to 127.0.0.1:port in its own temp dir. */
export function createLocalRedisServer(binary: string, port: number, opts: LocalRedisOptions = {}): LocalRedisServer {
  const dir = mkdtempSync(join(tmpdir(), 'tickstock-redis-'));
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  // A test runner that dies must not leave a server holding the port.
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  const halt = async (signal: NodeJS.Signals) => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  return {
    port,
    dir,
    async start() {
      if (child && child.exitCode === null && child.signalCode === null) return;
      // --save '' and --appendonly no: nothing is written, a restart starts empty like a fresh pod;
      // with appendOnly the AOF in `dir` brings the data back (a clean stop flushes it).
      const persistence = opts.appendOnly ? ['--appendonly', 'yes', '--appendfsync', 'everysec'] : ['--appendonly', 'no'];
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--daemonize', 'no', '--dir', dir];
      const proc = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      child = proc;
      let log = '';
      const keep = (chunk: Buffer) => {
        log = (log + chunk.toString('utf8')).slice(-4_000);
      };
      proc.stdout?.on('data', keep);
      proc.stderr?.on('data', keep);
      exited = new Promise((resolve) => proc.once('exit', () => resolve()));
      let spawnError: Error | undefined;
      proc.once('error', (err) => (spawnError = err));
      // Ready means OUR process says so (another server may already answer PING on this port).
      const outcome = await waitFor(
        async () => {
          if (spawnError || proc.exitCode !== null || proc.signalCode !== null) return 'exited';
          return log.includes('Ready to accept connections') && (await pingRedis(port)) && 'ready';
        },
        { timeoutMs: READY_TIMEOUT_MS, intervalMs: 25, what: `redis-server on port ${port} to be ready` },
      ).catch(async (err: unknown) => {
        await halt('SIGKILL');
        throw err;
      });
      if (outcome === 'exited') {
        throw spawnError ?? new Error(`redis-server exited with ${proc.exitCode ?? proc.signalCode}: ${lastLines(log)}`);
      }
    },
    stop: () => halt('SIGTERM'),
    kill: () => halt('SIGKILL'),
    async dispose() {
      await halt('SIGTERM');
      process.removeListener('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
