// `record`: subscribes to the 12 channels and hands one JSONL line per message to `write`, with
// its time since the recorder started (monotonic, so wall-clock jumps do not reorder a day).
// Pub/sub cannot be paused, so a write target slower than Redis buffers in memory: write to a
// local file, not to a network share.
import { ALL_CHANNELS } from '@tickstock/contracts';
import type { Bus } from '@tickstock/bus';
import { systemClock, type Clock } from '../pacing/clock';
import { formatRecordLine } from './record-line';

export type RecorderOptions = {
  bus: Bus;
  write: (line: string) => void;
  channels?: readonly string[];
  clock?: Clock;
};

export type Recorder = {
  /** Resolves once the subscription is confirmed: messages published after that are recorded. */
  ready: () => Promise<void>;
  count: () => number;
  /** Unsubscribes; resolves with how many messages were recorded. */
  stop: () => Promise<number>;
};

export function startRecorder(opts: RecorderOptions): Recorder {
  const clock = opts.clock ?? systemClock;
  const start = clock.now();
  let count = 0;
  const sub = opts.bus.subscribe(opts.channels ?? ALL_CHANNELS, (channel, text) => {
    count++;
    opts.write(formatRecordLine(Math.round(clock.now() - start), channel, text));
  });
  return {
    ready: () =>
      new Promise<void>((resolve) => {
        if (sub.isReady()) return resolve();
        const off = sub.onReadyChange((ready) => {
          if (!ready) return;
          off();
          resolve();
        });
      }),
    count: () => count,
    stop: async () => {
      await sub.close();
      return count;
    },
  };
}
