// Composition root, and the only reader of process.env: config → bus → pod (compose.ts) → shutdown.
import { createRedisBus } from '@tickstock/bus';
import { createLogger, onShutdown } from '@tickstock/observability';
import { loadFanoutConfig, startFanout } from './compose';

/** After the drain, this long for the rest of the shutdown before the process is cut. */
const SHUTDOWN_SLACK_MS = 10_000;

async function main() {
  const config = loadFanoutConfig(process.env);
  const log = createLogger({ name: 'fanout', level: config.LOG_LEVEL });

  const bus = createRedisBus({
    url: config.REDIS_URL,
    prefix: config.REDIS_KEY_PREFIX,
    onError: (err) => log.warn({ err }, 'redis connection trouble'),
  });
  const pod = await startFanout({ config, bus, log });

  // HOUSE-STYLE.md order: draining (readyz 503, no new sockets) → close sockets → listener → bus → exit.
  onShutdown(log, config.FANOUT_DRAIN_MS + SHUTDOWN_SLACK_MS, async () => {
    await pod.stop();
    await bus.close();
  });
}

main().catch((err: unknown) => {
  // No logger may exist yet (a bad config): stderr is the one place left.
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
