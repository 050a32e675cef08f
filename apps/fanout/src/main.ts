// Composition root, and the only reader of process.env: config → bus → app → listen → shutdown.
import { createRedisBus } from '@tickstock/bus';
import { loadConfig } from '@tickstock/config';
import { createHealth, createLogger, onShutdown } from '@tickstock/observability';
import { buildApp } from './app';
import { createTicketVerifier } from './auth/ticket-verifier';
import { FanoutConfigSchema } from './config';
import { createFanoutMetrics } from './metrics';
import { assertNativeUws } from './native-uws';

/** After the drain, this long for the rest of the shutdown before the process is cut. */
const SHUTDOWN_SLACK_MS = 10_000;

async function main() {
  const config = loadConfig(FanoutConfigSchema, process.env);
  const log = createLogger({ name: 'fanout', level: config.LOG_LEVEL });
  assertNativeUws();

  const bus = createRedisBus({
    url: config.REDIS_URL,
    prefix: config.REDIS_KEY_PREFIX,
    onError: (err) => log.warn({ err }, 'redis connection trouble'),
  });
  const metrics = createFanoutMetrics();
  const health = createHealth();
  const app = buildApp({ config, bus, log, metrics, health, verifyTicket: createTicketVerifier(config.JWT_SECRET) });

  const port = await app.listen(config.FANOUT_HOST, config.FANOUT_PORT);
  log.info({ port, host: config.FANOUT_HOST }, 'fanout listening');
  // Not awaited: the reader retries until Redis answers, and sockets are refused (503) until then.
  app.start().catch((err: unknown) => log.error({ err }, 'stream reader failed to start'));

  // HOUSE-STYLE.md order: draining (readyz 503, no new sockets) → close sockets → listener → bus → exit.
  onShutdown(log, config.FANOUT_DRAIN_MS + SHUTDOWN_SLACK_MS, async () => {
    await app.drain();
    await app.close();
    await bus.close();
  });
}

main().catch((err: unknown) => {
  // No logger may exist yet (a bad config): stderr is the one place left.
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
