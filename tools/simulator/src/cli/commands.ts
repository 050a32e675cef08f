// What each CLI command does once its arguments are parsed and the bus is connected. Everything
// here talks to the terminal; the work itself is the library's (createSimulator, startRecorder).
import { createWriteStream } from 'node:fs';
import type { Bus } from '@tickstock/bus';
import { RecordingError } from '../recording/record-line';
import { startRecorder } from '../recording/recorder';
import { createSimulator, type RunReport, type SimulatorOptions } from '../simulator';
import { loadEventCount } from '../scenarios/load';
import type { CliCommand } from './parse-args';
import { createProgressBar } from './progress-bar';

export type Io = {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Resolves on the first Ctrl-C (or SIGTERM). */
  interrupted: Promise<string>;
  /** Where relative paths start: the directory the user typed the command in. */
  resolvePath: (p: string) => string;
  onError: (err: unknown) => void;
};

type RunLike = Extract<CliCommand, { command: 'run' | 'replay' }>;

export async function runCommand(cmd: RunLike, bus: Bus, io: Io): Promise<number> {
  const bar = createProgressBar(io.stderr);
  const opts: SimulatorOptions =
    cmd.command === 'run'
      ? { bus, scenario: cmd.scenario, format: cmd.format, seed: cmd.seed, onProgress: bar.update, onError: io.onError }
      : { bus, scenario: { name: 'replay', file: io.resolvePath(cmd.file) }, speed: cmd.speed, onProgress: bar.update, onError: io.onError };
  const sim = createSimulator(opts);
  try {
    await sim.start();
    io.stderr.write(`${describe(cmd)}: publishing (heartbeat on; Ctrl-C to stop)\n`);
    void io.interrupted.then(() => sim.stop());
    const report = await sim.finished.finally(() => bar.done());
    io.stdout.write(summarize(report, cmd));
    return report.failed > 0 ? 1 : 0;
  } catch (err) {
    if (cmd.command !== 'replay' || !isFileTrouble(err)) throw err;
    io.stderr.write(`simulator: ${cmd.file}: ${err instanceof RecordingError ? err.message : `cannot read (${err.code})`}\n`);
    return 1;
  }
}

export async function recordCommand(cmd: Extract<CliCommand, { command: 'record' }>, bus: Bus, io: Io): Promise<number> {
  const file = io.resolvePath(cmd.out ?? `tickstock-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);
  // `wx`: a recorded day is not overwritten by a second `record` with the same --out.
  const stream = createWriteStream(file, { flags: 'wx', encoding: 'utf8' });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  const recorder = startRecorder({ bus, write: (line) => stream.write(line) });
  await recorder.ready();
  const started = performance.now();
  const until = cmd.durationS === undefined ? ' until Ctrl-C' : ` for ${cmd.durationS} s`;
  io.stderr.write(`recording the 12 TickStockPL channels to ${file}${until}\n`);
  let timer: NodeJS.Timeout | undefined;
  const { durationS } = cmd;
  const timeUp = durationS === undefined ? new Promise<never>(() => undefined) : new Promise<void>((r) => (timer = setTimeout(r, durationS * 1000)));
  await Promise.race([io.interrupted, timeUp]);
  clearTimeout(timer);
  const count = await recorder.stop();
  await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
  io.stdout.write(`recorded ${count} messages in ${((performance.now() - started) / 1000).toFixed(1)} s to ${file}\n`);
  return 0;
}

function isFileTrouble(err: unknown): err is RecordingError | NodeJS.ErrnoException {
  return err instanceof RecordingError || (err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && (err as NodeJS.ErrnoException).syscall !== undefined);
}

function describe(cmd: RunLike): string {
  if (cmd.command === 'replay') return `replay ${cmd.file} at ${cmd.speed === 'max' ? 'full speed' : `${cmd.speed}×`}`;
  const s = cmd.scenario;
  const detail = s.name === 'load' ? ` ${s.rate}/s over ${s.symbols} symbols for ${s.durationS} s (${loadEventCount(s)} events)` : s.name === 'session' ? ` ${s.durationS === undefined ? 'until stopped' : `for ${s.durationS} s`}` : '';
  return `${s.name}${detail}${s.name === 'formats' ? ', every generation' : `, format ${cmd.format}`}`;
}

export function summarize(r: RunReport, cmd: RunLike): string {
  const lines = [
    `${r.scenario}: ${r.messages} messages (${r.events} on the pattern/indicator channels) in ${(r.elapsedMs / 1000).toFixed(1)} s${r.completed ? '' : ' (stopped early)'}`,
    `  ${r.eventsPerSecond.toFixed(1)} events/s, ${r.messagesPerSecond.toFixed(1)} messages/s, max lag ${Math.round(r.maxLagMs)} ms, ${r.failed} failed`,
  ];
  if (cmd.command === 'run' && cmd.scenario.name === 'load') {
    const target = cmd.scenario.rate;
    lines.push(`  achieved ${r.eventsPerSecond.toFixed(1)} events/s of ${target} targeted (${((100 * r.eventsPerSecond) / target).toFixed(1)}%)`);
  }
  for (const [channel, n] of Object.entries(r.byChannel).sort()) lines.push(`  ${channel.padEnd(40)} ${n}`);
  return `${lines.join('\n')}\n`;
}
