// What the local stack prints: every line of a service starts with its name (a colour of its own
// on a terminal), whether the service is a child process or runs in this one.
import type { createLogger } from '@tickstock/observability';

type Destination = NonNullable<Parameters<typeof createLogger>[0]['destination']>;

const COLORS = [36, 35, 33, 32, 34, 31];
const assigned = new Map<string, number>();

/** `name` padded to a column, coloured on a TTY; the same colour every time for the same name. */
export function label(name: string): string {
  if (!assigned.has(name)) assigned.set(name, COLORS[assigned.size % COLORS.length]!);
  return process.stdout.isTTY ? `\x1b[${assigned.get(name)}m${name.padEnd(9)}\x1b[0m` : name.padEnd(9);
}

/** A pino destination that writes each line as `name | line`, as a child's output is shown. */
export function prefixedOutput(name: string): Destination {
  const prefix = label(name);
  return { write: (line: string) => void process.stdout.write(`${prefix} | ${line.endsWith('\n') ? line : `${line}\n`}`) };
}

export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}
