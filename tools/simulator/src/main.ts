// The simulator's CLI and composition root, the only file that reads process.env and argv
// (HOUSE-STYLE.md). Exit codes: 0 done, 1 failed (Redis unreachable, file trouble, failed
// publishes), 2 bad arguments.
import { resolve } from 'node:path';
import { createRedisBus } from '@tickstock/bus';
import { recordCommand, runCommand, type Io } from './cli/commands';
import { parseCliArgs, UsageError, type CliCommand } from './cli/parse-args';
import { USAGE } from './cli/usage';

const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const EXIT_GRACE_MS = 3_000;

async function main(argv: readonly string[]): Promise<number> {
  let cmd: CliCommand;
  try {
    cmd = parseCliArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`simulator: ${err.message}\nRun \`npm run simulator -- --help\` for usage.\n`);
    return 2;
  }
  if (cmd.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  const url = cmd.redisUrl ?? process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
  const io: Io = {
    stdout: process.stdout,
    stderr: process.stderr,
    // `once`: the first Ctrl-C stops cleanly (a session says it stopped, a recording is flushed);
    // a second one finds no handler and ends the process at once.
    interrupted: new Promise((done) => {
      process.once('SIGINT', () => done('SIGINT'));
      process.once('SIGTERM', () => done('SIGTERM'));
    }),
    // npm runs a workspace's script in the workspace's folder; INIT_CWD is where the user typed it.
    resolvePath: (p) => resolve(process.env.INIT_CWD ?? process.cwd(), p),
    onError: rateLimited((line) => process.stderr.write(`${line}\n`)),
  };
  // Until the first PING answers, connection errors are kept for one clear message, not printed.
  let connectError: unknown;
  const onBusError = (err: unknown) => (connectError === null ? io.onError(err) : (connectError = err));
  // Prefix '': the simulator is TickStockPL's stand-in and writes TickStockPL's own key names.
  const bus = createRedisBus({ url, prefix: '', name: 'simulator', onError: onBusError });
  try {
    await bus.ping();
    connectError = null;
  } catch (err) {
    // The connection's own error (ECONNREFUSED, auth) says more than the driver's retry message.
    process.stderr.write(`simulator: cannot reach Redis at ${redact(url)}: ${message(connectError ?? err)}\n(set --redis-url or REDIS_URL)\n`);
    await bus.close();
    return 1;
  }
  try {
    return cmd.command === 'record' ? await recordCommand(cmd, bus, io) : await runCommand(cmd, bus, io);
  } finally {
    await bus.close();
  }
}

/** Publish failures come per message: report at most one a second, with how many were skipped. */
function rateLimited(print: (line: string) => void): (err: unknown) => void {
  let last = 0;
  let skipped = 0;
  return (err) => {
    const now = Date.now();
    if (now - last < 1_000) {
      skipped++;
      return;
    }
    print(`simulator: ${message(err)}${skipped > 0 ? ` (and ${skipped} more)` : ''}`);
    last = now;
    skipped = 0;
  };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Everything is closed by now; a straggling handle must not keep a finished CLI alive.
    setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
  },
  (err: unknown) => {
    process.stderr.write(`simulator failed: ${message(err)}\n`);
    process.exit(1);
  },
);
