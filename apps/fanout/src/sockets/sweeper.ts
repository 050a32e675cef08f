// One timer for every socket instead of one each: a socket whose send buffer passed the limit is
// closed with 4008 (uWS's own limit sits higher, so no frame is ever skipped silently before
// that), and one whose login expired is closed with 4001 (CONTRACT.md).
import type { FanoutMetrics } from '../metrics';
import type { Client } from './client';

export const SWEEP_INTERVAL_MS = 250;

export type Sweeper = { sweep(): void; start(): void; stop(): void };

export function createSweeper(deps: {
  clients: Set<Client>;
  maxBackpressureBytes: number;
  metrics: FanoutMetrics;
  close(client: Client, code: number, reason: string): void;
  now?: () => number;
}): Sweeper {
  const now = deps.now ?? Date.now;
  let timer: NodeJS.Timeout | undefined;
  const sweeper: Sweeper = {
    sweep() {
      const t = now();
      for (const client of deps.clients) {
        const ws = client.ws;
        if (!ws) continue;
        if (t >= client.loginExpMs) {
          deps.metrics.tokenExpiries.inc();
          deps.close(client, 4001, 'login expired');
        } else if (ws.getBufferedAmount() > deps.maxBackpressureBytes) {
          deps.metrics.slowConsumerCloses.inc();
          deps.close(client, 4008, 'too slow to keep up');
        }
      }
    },
    start() {
      timer ??= setInterval(() => sweeper.sweep(), SWEEP_INTERVAL_MS);
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
  return sweeper;
}
