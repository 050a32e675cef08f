// The services and the simulator as real processes (`node --import tsx src/main.ts` in their
// folders, configured by env, as tools/stack runs them): one process each, so `kill -9` and
// SIGTERM reach the service itself, not a wrapper. Every child is SIGKILLed if this process
// exits, so a failed or interrupted run leaves no service behind.
// (tools/stack/src/children.ts does the same for `npm start`, but a tool may import only
// libraries, contracts and the test harness — the module boundaries — so this is its own.)
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type Child = {
  readonly name: string;
  readonly proc: ChildProcess;
  readonly pid: number;
  readonly exited: Promise<Exit>;
  alive(): boolean;
  /** The last ~32 KB the process wrote (stdout and stderr), for failure messages. */
  output(): string;
  /** A signal, then SIGKILL after graceMs if it has not exited; resolves with how it ended. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<Exit>;
};

const running = new Set<Child>();
let hooked = false;

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const child of running) child.proc.kill('SIGKILL');
  });
}

export function spawnChild(name: string, cwd: string, args: string[], env: Record<string, string>): Child {
  hookExit();
  // Only what a service needs from our environment, plus its settings: no inherited REDIS_URL etc.
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TMPDIR: process.env.TMPDIR ?? '/tmp' };
  const proc = spawn(process.execPath, args, { cwd: join(ROOT, cwd), env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-32_000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<Exit>((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  const alive = () => proc.exitCode === null && proc.signalCode === null;
  const child: Child = {
    name,
    proc,
    pid: proc.pid ?? -1,
    exited,
    alive,
    output: () => log,
    async stop(signal = 'SIGTERM', graceMs = 20_000) {
      if (alive()) {
        proc.kill(signal);
        const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      return exited;
    },
  };
  running.add(child);
  void exited.then(() => running.delete(child));
  return child;
}

/** An app or tool's `src/main.ts` (with arguments) as one node process with tsx loaded. */
export function spawnMain(name: string, dir: string, env: Record<string, string>, args: string[] = []): Child {
  return spawnChild(name, dir, ['--import', 'tsx', 'src/main.ts', ...args], env);
}

/** SIGKILLs whatever is still running (the end of a scenario, whatever happened in it). */
export async function killAll(): Promise<void> {
  const left = [...running];
  for (const child of left) child.proc.kill('SIGKILL');
  await Promise.all(left.map((c) => c.exited));
}
