// Child processes of the local stack: output prefixed with the service's name, stopped in
// reverse order with SIGTERM (each service drains itself), SIGKILL after a grace period.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';
import { label } from './output';

export type Child = { name: string; process: ChildProcess; exited: Promise<number | null> };

export function startChild(name: string, command: string, args: string[], opts: SpawnOptions & { quiet?: boolean } = {}): Child {
  const child = spawn(command, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = label(name);
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    const lines = createInterface({ input: stream });
    lines.on('line', (line) => {
      if (!opts.quiet) process.stdout.write(`${prefix} | ${line}\n`);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { name, process: child, exited };
}

export async function stopChild(child: Child, signal: NodeJS.Signals = 'SIGTERM', graceMs = 20_000): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill(signal);
  const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}
