// Flushes the streaming buffer every STREAMING_BUFFER_INTERVAL ms: at most one batch frame per
// stream per tick; what did not fit waits for the next tick (carried in first-seen order).
// Drops are counted when they happen (the buffer's onDrop hook), not here when reported.
import type { StreamingBuffer } from '../buffer/streaming-buffer';
import type { IngestMetrics } from '../metrics';
import { frameOfEmission } from './emission-frame';
import type { FrameSink } from './ports';

export type Flusher = { flushNow(): void; start(): void; stop(): void };

export function createFlusher(deps: { buffer: StreamingBuffer; frames: FrameSink; metrics: IngestMetrics; intervalMs: number; now?: () => number }): Flusher {
  const { buffer, frames, metrics, intervalMs } = deps;
  const now = deps.now ?? Date.now;
  let timer: NodeJS.Timeout | undefined;

  function flushNow(): void {
    const end = metrics.flushDuration.startTimer();
    const timestamp = new Date(now()).toISOString();
    for (const emission of buffer.flush()) {
      frames.publish(frameOfEmission(emission, timestamp));
      const stream = emission.kind === 'patterns_batch' || emission.kind === 'pattern' ? 'patterns' : 'indicators';
      const items = emission.kind === 'patterns_batch' ? emission.patterns.length : emission.kind === 'indicators_batch' ? emission.indicators.length : 1;
      metrics.batchSize.observe({ stream }, items);
      metrics.sent.inc({ stream }, items);
    }
    end();
  }

  return {
    flushNow,
    start() {
      timer ??= setInterval(flushNow, intervalMs);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
