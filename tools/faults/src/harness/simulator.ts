// The simulator's CLI as the producer (tools/simulator, `run load`): a process of its own that
// publishes on TickStockPL's channels until its duration ends or it is interrupted, then prints
// its summary, which is read here for how many publishes Redis took and how many failed.
import { spawnMain, type Child } from './processes';

export type LoadOptions = { redisUrl: string; rate: number; symbols: number; durationS: number; seed: number; format?: 'A' | 'B' | 'C' | 'mixed' };

export type SimulatorSummary = { messages: number; failed: number; completed: boolean; eventsPerSecond: number; text: string };

export type SimulatorRun = {
  readonly child: Child;
  /** Resolves when the run has ended (by itself or after stop()). */
  finished: Promise<SimulatorSummary>;
  /** Ctrl-C (the session's end is published), then the summary. */
  stop(): Promise<SimulatorSummary>;
};

export function parseSummary(stdout: string): SimulatorSummary {
  const head = /(\d+) messages \(\d+ on the pattern\/indicator channels\) in [\d.]+ s( \(stopped early\))?/.exec(stdout);
  const failed = /([\d.]+) events\/s, [\d.]+ messages\/s, max lag \d+ ms, (\d+) failed/.exec(stdout);
  if (!head || !failed) throw new Error(`no summary in the simulator's output:\n${stdout.slice(-2_000)}`);
  return { messages: Number(head[1]), failed: Number(failed[2]), completed: head[2] === undefined, eventsPerSecond: Number(failed[1]), text: stdout };
}

export function startLoad(o: LoadOptions): SimulatorRun {
  const args = ['run', 'load', '--rate', String(o.rate), '--symbols', String(o.symbols), '--duration', String(o.durationS)];
  args.push('--format', o.format ?? 'C', '--seed', String(o.seed), '--redis-url', o.redisUrl);
  const child = spawnMain('simulator', 'tools/simulator', {}, args);
  let stdout = '';
  child.proc.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const finished = child.exited.then((exit) => {
    try {
      return parseSummary(stdout);
    } catch (err) {
      throw new Error(`simulator ended (${exit.signal ?? exit.code}) ${(err as Error).message}\n${child.output().slice(-2_000)}`, { cause: err });
    }
  });
  finished.catch(() => undefined);
  return {
    child,
    finished,
    async stop() {
      await child.stop('SIGINT', 10_000);
      return finished;
    },
  };
}
