// createSimulator: the TickStockPL stand-in as a library, so one process can run it beside the
// other services on the memory bus (issue 6, `npm start`), and main.ts is only a CLI around it.
// A run: heartbeat on → the scenario's schedule, paced → on an early stop, the session's end →
// heartbeat off. Publish failures are counted and reported, never thrown: a producer does not
// stop because a consumer's Redis blinked.
import { access } from 'node:fs/promises';
import type { Bus } from '@tickstock/bus';
import { startHeartbeat, type Heartbeat } from './heartbeat';
import { systemClock, type Clock } from './pacing/clock';
import { pace } from './pacing/pacer';
import type { Speed } from './pacing/schedule';
import { createRng } from './payloads/rng';
import { symbolUniverse } from './payloads/symbols';
import type { FormatChoice, Outgoing } from './payloads/types';
import { createProducer } from './producer';
import { replaySchedule } from './recording/replay-schedule';
import { buildScenario, isStreamEvent, symbolCount, type Scenario, type ScenarioSpec } from './scenarios';

export type SimulatorSpec = ScenarioSpec | { name: 'replay'; file: string };

export type SimulatorOptions = {
  /** A bus WITHOUT a key prefix: the simulator writes TickStockPL's own key names (the heartbeat). */
  bus: Bus;
  scenario: SimulatorSpec;
  /** The generation of patterns, indicators, sessions and health (default C). Replays publish text as recorded. */
  format?: FormatChoice;
  /** Default 1; replays are usually sped up. */
  speed?: Speed;
  /** Same seed, same messages (but for their timestamps). */
  seed?: number;
  heartbeatMs?: number;
  tickMs?: number;
  clock?: Clock;
  /** After every batch. */
  onProgress?: (p: Progress) => void;
  /** Failed publishes and heartbeats; the run goes on. */
  onError?: (err: unknown) => void;
};

export type Progress = { messages: number; events: number; elapsedMs: number; expectedEvents?: number; durationMs?: number };

export type RunReport = {
  scenario: string;
  /** False when stopped before the schedule ended. */
  completed: boolean;
  /** Messages Redis accepted. */
  messages: number;
  /** Of those, stream events (patterns and indicators). */
  events: number;
  failed: number;
  byChannel: Record<string, number>;
  elapsedMs: number;
  eventsPerSecond: number;
  messagesPerSecond: number;
  /** The latest a batch left after it was due (pacing quality). */
  maxLagMs: number;
};

export type Simulator = {
  /** Writes the heartbeat (rejects when Redis is unreachable or a replay file is missing) and starts publishing. */
  start: () => Promise<void>;
  /** Ends the run (publishing the session's end if it was cut short) and resolves with its report. */
  stop: () => Promise<RunReport>;
  /** Settles when the run ends, by itself or by stop(); rejects on a bad recording. */
  finished: Promise<RunReport>;
};

export function createSimulator(opts: SimulatorOptions): Simulator {
  const { bus } = opts;
  if (bus.prefix !== '') {
    throw new Error(`the simulator needs a bus without a key prefix (it writes TickStockPL's own keys), got prefix "${bus.prefix}"`);
  }
  const clock = opts.clock ?? systemClock;
  const spec = opts.scenario;
  const abort = new AbortController();
  const counts = { messages: 0, events: 0, failed: 0, byChannel: {} as Record<string, number> };
  let settle: { resolve: (r: RunReport) => void; reject: (e: unknown) => void } | undefined;
  const finished = new Promise<RunReport>((resolve, reject) => (settle = { resolve, reject }));
  // A caller that only calls stop() must not get an unhandled rejection from `finished`.
  finished.catch(() => undefined);
  let state: 'new' | 'running' | 'done' = 'new';
  let startedAt = 0;

  const scenario: Scenario = spec.name === 'replay' ? { name: 'replay', schedule: replaySchedule(spec.file) } : produce(spec, opts);

  const send = async (batch: readonly Outgoing[]) => {
    const results = await Promise.allSettled(batch.map((o) => bus.publish(o.channel, o.text)));
    results.forEach((r, i) => {
      const o = batch[i] as Outgoing;
      if (r.status === 'rejected') {
        counts.failed++;
        opts.onError?.(r.reason);
        return;
      }
      counts.messages++;
      counts.byChannel[o.channel] = (counts.byChannel[o.channel] ?? 0) + 1;
      if (isStreamEvent(o)) counts.events++;
    });
  };

  const report = (completed: boolean, elapsedMs: number, maxLagMs: number): RunReport => {
    const seconds = Math.max(elapsedMs, 1) / 1000;
    return {
      scenario: scenario.name,
      completed,
      ...counts,
      byChannel: { ...counts.byChannel },
      elapsedMs,
      eventsPerSecond: counts.events / seconds,
      messagesPerSecond: counts.messages / seconds,
      maxLagMs,
    };
  };

  async function run(heartbeat: Heartbeat): Promise<void> {
    try {
      const result = await pace(scenario.schedule, {
        clock,
        speed: opts.speed,
        tickMs: opts.tickMs,
        signal: abort.signal,
        send: async (batch) => {
          await send(batch);
          opts.onProgress?.({ messages: counts.messages, events: counts.events, elapsedMs: clock.now() - startedAt, expectedEvents: scenario.expectedEvents, durationMs: scenario.durationMs });
        },
      });
      if (!result.completed && scenario.onEarlyStop) await send(scenario.onEarlyStop(clock.wall()));
      settle?.resolve(report(result.completed, result.elapsedMs, result.maxLagMs));
    } catch (err) {
      settle?.reject(err);
    } finally {
      heartbeat.stop();
      state = 'done';
    }
  }

  return {
    finished,
    async start() {
      if (state !== 'new') throw new Error('a simulator runs once; create another');
      state = 'running';
      try {
        if (spec.name === 'replay') await access(spec.file);
        const heartbeat = await startHeartbeat(bus, { intervalMs: opts.heartbeatMs, wall: clock.wall, onError: opts.onError });
        startedAt = clock.now();
        void run(heartbeat);
      } catch (err) {
        state = 'done';
        settle?.reject(err);
        throw err;
      }
    },
    async stop() {
      abort.abort();
      if (state === 'new') {
        state = 'done';
        settle?.resolve(report(false, 0, 0));
      }
      return finished;
    },
  };
}

function produce(spec: ScenarioSpec, opts: SimulatorOptions): Scenario {
  const producer = createProducer({ rng: createRng(opts.seed), format: opts.format ?? 'C', symbols: symbolUniverse(symbolCount(spec)) });
  return buildScenario(spec, producer);
}
