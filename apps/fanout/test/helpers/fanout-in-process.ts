// A fanout pod inside the test process (buildApp with a real Redis bus): fast to start, and the
// test can read its metrics. The multi-pod and drain tests run real processes instead (pod-process.ts).
import { createRedisBus, type Bus } from '@tickstock/bus';
import { createHealth, createLogger, createRegistry } from '@tickstock/observability';
import { buildApp, type FanoutApp, type FanoutSettings } from '../../src/app';
import { createTicketVerifier } from '../../src/auth/ticket-verifier';
import { createFanoutMetrics, type FanoutMetrics } from '../../src/metrics';
import { TEST_SECRET } from './tickets';

export const TEST_SETTINGS: FanoutSettings = {
  FANOUT_MAX_BACKPRESSURE_BYTES: 1024 * 1024,
  FANOUT_IDLE_TIMEOUT_S: 60,
  FANOUT_COMPRESSION: false,
  FANOUT_CONN_RATE_PER_IP: 0,
  FANOUT_CONN_BURST_PER_IP: 20,
  FANOUT_TRUST_PROXY: false,
  FANOUT_RESUME_WINDOW_MS: 200,
  FANOUT_REPLAY_CACHE_FRAMES: 2000,
  FANOUT_MAX_BAD_FRAMES: 3,
  FANOUT_DRAIN_MS: 500,
};

export type InProcessPod = {
  app: FanoutApp;
  bus: Bus;
  metrics: FanoutMetrics;
  port: number;
  /** The value of a counter or gauge series, e.g. metric('fanout_resyncs_total'). */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  stop(): Promise<void>;
};

export async function startInProcess(redisUrl: string, prefix: string, settings: Partial<FanoutSettings> = {}): Promise<InProcessPod> {
  const bus = createRedisBus({ url: redisUrl, prefix, onError: () => undefined });
  const metrics = createFanoutMetrics(createRegistry('fanout', { defaultMetrics: false }));
  const app = buildApp({
    config: { ...TEST_SETTINGS, ...settings },
    bus,
    log: createLogger({ name: 'fanout-test', level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    metrics,
    health: createHealth(),
    verifyTicket: createTicketVerifier(TEST_SECRET),
  });
  const port = await app.listen('127.0.0.1', 0);
  await app.start();
  return {
    app,
    bus,
    metrics,
    port,
    async metric(name, labels = {}) {
      const found = (await metrics.registry.getSingleMetric(name)?.get())?.values ?? [];
      const match = found.find((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want));
      return match?.value ?? 0;
    },
    async stop() {
      await app.close();
      await bus.close();
    },
  };
}
