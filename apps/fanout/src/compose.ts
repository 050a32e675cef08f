// The fanout pod composed from a bus it is handed: what main.ts runs as a process, and the package
// export `@tickstock/fanout/compose` with which the single-process local stack (tools/stack,
// `npm start` on the in-memory bus) runs it beside the other services. No env, no signals here.
import type { Bus } from '@tickstock/bus';
import { loadConfig } from '@tickstock/config';
import { createHealth, type Logger } from '@tickstock/observability';
import { buildApp } from './app';
import { createTicketVerifier } from './auth/ticket-verifier';
import { FanoutConfigSchema, type FanoutConfig } from './config';
import { createFanoutMetrics } from './metrics';
import { assertNativeUws } from './native-uws';

export type { FanoutConfig } from './config';

/** The fanout's settings from an environment, validated as the service validates its own. */
export function loadFanoutConfig(env: Record<string, string | undefined>): Readonly<FanoutConfig> {
  return loadConfig(FanoutConfigSchema, env);
}

export type FanoutInProcessDeps = {
  config: FanoutConfig;
  /** Owned by the caller: stop() leaves it open. */
  bus: Bus;
  log: Logger;
};

export type RunningFanout = {
  port: number;
  /** HOUSE-STYLE.md order: draining (readyz 503, no new sockets, open ones closed with 1001) → stop reading → close the listener. */
  stop(): Promise<void>;
};

/** Listens on FANOUT_HOST:FANOUT_PORT and starts reading the frames stream (sockets get 503 until it has a position). */
export async function startFanout(deps: FanoutInProcessDeps): Promise<RunningFanout> {
  const { config, bus, log } = deps;
  assertNativeUws();
  const app = buildApp({ config, bus, log, metrics: createFanoutMetrics(), health: createHealth(), verifyTicket: createTicketVerifier(config.JWT_SECRET) });
  const port = await app.listen(config.FANOUT_HOST, config.FANOUT_PORT);
  log.info({ port, host: config.FANOUT_HOST }, 'fanout listening');
  // Not awaited: the reader retries until Redis answers, and sockets are refused (503) until then.
  app.start().catch((err: unknown) => log.error({ err }, 'stream reader failed to start'));
  return {
    port,
    async stop() {
      await app.drain();
      await app.close();
    },
  };
}
