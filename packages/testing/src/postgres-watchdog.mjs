// Supervises one local `postgres` for the test harness (postgres-local.ts), so that a test
// runner that dies — even by SIGKILL, when no 'exit' handler runs — never leaves a server behind:
// PostgreSQL does not die with its parent, but our stdin pipe closes when the parent dies.
//
//   node postgres-watchdog.mjs '<json {command, args, uid?, gid?, cwd, cleanupDir}>'
//
// Signals from the harness: SIGINT = fast shutdown (stopServer), SIGQUIT = immediate shutdown,
// a crash (kill). Parent gone (stdin closed): fast shutdown, then the temp dir is removed.
// Plain .mjs because it runs under bare `node`, outside tsx and vitest.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import process from 'node:process';
import { setTimeout } from 'node:timers';

const spec = JSON.parse(process.argv[2] ?? '{}');
const server = spawn(spec.command, spec.args, {
  cwd: spec.cwd,
  env: { ...process.env, HOME: spec.cwd, LC_ALL: 'C' },
  stdio: ['ignore', 'inherit', 'inherit'],
  ...(spec.uid === undefined ? {} : { uid: spec.uid, gid: spec.gid }),
});

let orphaned = false;
const forward = (signal) => () => {
  if (server.exitCode === null && server.signalCode === null) server.kill(signal);
};
process.on('SIGINT', forward('SIGINT'));
process.on('SIGTERM', forward('SIGINT'));
process.on('SIGQUIT', forward('SIGQUIT'));

process.stdin.on('data', () => undefined);
process.stdin.on('close', () => {
  orphaned = true;
  forward('SIGINT')();
  // A fast shutdown that hangs (a stuck backend) becomes an immediate one.
  setTimeout(forward('SIGQUIT'), 5_000).unref();
});

server.on('error', (err) => {
  process.stderr.write(`postgres-watchdog: cannot start ${spec.command}: ${err.message}\n`);
  process.exit(127);
});
server.on('exit', (code, signal) => {
  if (orphaned && spec.cleanupDir) rmSync(spec.cleanupDir, { recursive: true, force: true });
  process.exit(code ?? (signal ? 128 : 1));
});
