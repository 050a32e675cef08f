// Runs the service's entry points as real processes (tsx, as `npm start` and `npm run user` do).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

export type Finished = { code: number | null; stdout: string; stderr: string };

/** Runs `src/<script>` to its end with the given env and stdin; killed after timeoutMs. */
export function runScript(script: string, args: string[], opts: { env: Record<string, string>; stdin?: string; timeoutMs?: number }): Promise<Finished> {
  const child = start(script, args, opts.env);
  child.stdin?.end(opts.stdin ?? '');
  return finished(child, opts.timeoutMs ?? 30_000);
}

export function start(script: string, args: string[], env: Record<string, string>): ChildProcess {
  // Only what the program needs from our environment: PATH for npx-free tsx, HOME for its cache.
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' };
  return spawn(process.execPath, ['--import', 'tsx', `src/${script}`, ...args], { cwd: APP_DIR, env: { ...base, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
}

export function finished(child: ChildProcess, timeoutMs: number): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
