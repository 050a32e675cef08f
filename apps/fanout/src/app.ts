// The fanout pod, built from its dependencies with no side effects at import: tests build it
// with a real or memory bus; main.ts builds it from the environment. Frames flow one way:
// stream reader → delivery (topics, replay cache) → sockets.
import type { Bus } from '@tickstock/bus';
import { SERVICE_KEYS } from '@tickstock/contracts';
import type { Health, Logger } from '@tickstock/observability';
import uWS from 'uWebSockets.js';
import { createRateLimiter } from './auth/rate-limiter';
import type { TicketVerifier } from './auth/ticket-verifier';
import type { FanoutConfig } from './config';
import { closeInBatches } from './drain/close-in-batches';
import { addOpsRoutes } from './http/ops-routes';
import type { FanoutMetrics } from './metrics';
import { newClient, type Client } from './sockets/client';
import { MAX_CLIENT_FRAME_BYTES } from './sockets/client-frames';
import { createDelivery } from './sockets/delivery';
import { createSocketHandlers } from './sockets/socket-handlers';
import { createSweeper } from './sockets/sweeper';
import { createUpgradeHandler } from './sockets/upgrade';
import { createLiveState } from './stream/live-state';
import { prepareFrame, type PreparedFrame } from './stream/prepared-frame';
import { createStreamReader } from './stream/stream-reader';
import { createPublisher } from './topics/publisher';
import { defaultSubscription } from './topics/subscription';

export type FanoutSettings = Pick<
  FanoutConfig,
  | 'FANOUT_MAX_BACKPRESSURE_BYTES'
  | 'FANOUT_IDLE_TIMEOUT_S'
  | 'FANOUT_COMPRESSION'
  | 'FANOUT_CONN_RATE_PER_IP'
  | 'FANOUT_CONN_BURST_PER_IP'
  | 'FANOUT_TRUST_PROXY'
  | 'FANOUT_RESUME_WINDOW_MS'
  | 'FANOUT_REPLAY_CACHE_FRAMES'
  | 'FANOUT_MAX_BAD_FRAMES'
  | 'FANOUT_DRAIN_MS'
> & { METRICS_TOKEN?: string | undefined };

export type FanoutDeps = {
  config: FanoutSettings;
  bus: Bus;
  log: Logger;
  metrics: FanoutMetrics;
  health: Health;
  verifyTicket: TicketVerifier;
};

export type FanoutApp = {
  /** Starts the stream reader (sockets are refused until it has a position) and the sweeper. */
  start(): Promise<void>;
  /** Listens on host:port (0 = any free port); resolves with the port. */
  listen(host: string, port: number): Promise<number>;
  /** Readiness 503, no new sockets, open ones closed with 1001 over FANOUT_DRAIN_MS. */
  drain(): Promise<void>;
  /** Stops reading and listening and cuts any socket left. Does not close the bus (its owner does). */
  close(): Promise<void>;
  clientCount(): number;
};

export function buildApp(deps: FanoutDeps): FanoutApp {
  const { config, bus, log, metrics, health } = deps;
  const compress = config.FANOUT_COMPRESSION;
  const app = uWS.App();
  const clients = new Set<Client>();
  const liveState = createLiveState((field, err) => log.warn({ err, field }, 'ingest state field is not JSON'));
  const close = (client: Client, code: number, reason: string) => {
    if (client.phase !== 'closed' && client.ws) client.ws.end(code, reason);
  };

  const sweeper = createSweeper({ clients, maxBackpressureBytes: config.FANOUT_MAX_BACKPRESSURE_BYTES, metrics, close });
  const delivery = createDelivery({
    bus,
    stream: SERVICE_KEYS.framesStream,
    publisher: createPublisher(app, metrics, { compress }),
    liveState,
    metrics,
    log,
    replayCacheFrames: config.FANOUT_REPLAY_CACHE_FRAMES,
    resumeWindowMs: config.FANOUT_RESUME_WINDOW_MS,
    maxBackpressureBytes: config.FANOUT_MAX_BACKPRESSURE_BYTES,
    compress,
    close,
    sweep: () => sweeper.sweep(),
    sweepEveryBytes: Math.floor(config.FANOUT_MAX_BACKPRESSURE_BYTES / 2),
  });

  const reader = createStreamReader({
    bus,
    stream: SERVICE_KEYS.framesStream,
    log,
    async onStart(position) {
      try {
        liveState.seed(await bus.hgetall(SERVICE_KEYS.liveState));
      } catch (err) {
        // The welcome shows no session until the next session frame; frames themselves are unaffected.
        log.warn({ err }, 'could not read the ingest state for welcome frames');
      }
      delivery.started(position);
      log.info({ position }, 'frames stream reader started');
    },
    onEntries(entries) {
      const frames: PreparedFrame[] = [];
      for (const entry of entries) {
        const prepared = prepareFrame(entry);
        if (prepared.ok) frames.push(prepared.frame);
        else {
          metrics.badEntries.inc();
          log.warn({ id: entry.id, reason: prepared.reason }, 'skipping a stream entry that is not a frame');
        }
      }
      metrics.framesRead.inc(entries.length);
      delivery.onFrames(frames);
    },
  });

  const limiter = createRateLimiter({ perSecond: config.FANOUT_CONN_RATE_PER_IP, burst: config.FANOUT_CONN_BURST_PER_IP });
  const handlers = createSocketHandlers({
    clients,
    delivery,
    liveState,
    metrics,
    maxBadFrames: config.FANOUT_MAX_BAD_FRAMES,
    pauseAboveBytes: Math.floor(config.FANOUT_MAX_BACKPRESSURE_BYTES / 2),
    compress,
    close,
    log,
  });

  app.ws<Client>('/ws', {
    compression: compress ? uWS.SHARED_COMPRESSOR : uWS.DISABLED,
    // Room above 16 KB so an oversized frame reaches our handler and closes with 1008 (uWS itself
    // cuts a frame over its limit without a close code); beyond 64 KB uWS cuts it unbuffered.
    maxPayloadLength: 4 * MAX_CLIENT_FRAME_BYTES,
    idleTimeout: config.FANOUT_IDLE_TIMEOUT_S,
    sendPingsAutomatically: true,
    // uWS skips a socket past maxBackpressure; ours closes it (4008) at half of this: the sweep runs
    // after every limit/2 published bytes, so a socket cannot pass 1.5x the limit unseen. Should
    // anything outrun it anyway, uWS closes the socket rather than skip frames silently.
    maxBackpressure: 2 * config.FANOUT_MAX_BACKPRESSURE_BYTES,
    closeOnBackpressureLimit: 1,
    upgrade: createUpgradeHandler({
      verify: deps.verifyTicket,
      limiter,
      admission: () => (health.isDraining() ? 'draining' : delivery.position() === null ? 'not_ready' : 'open'),
      trustProxy: config.FANOUT_TRUST_PROXY,
      metrics,
      userData: (ticket, ip) => newClient({ ip, user: ticket.sub, loginExpMs: ticket.loginExpMs, subscription: defaultSubscription() }),
    }),
    ...handlers,
  });
  addOpsRoutes(app, health, metrics.registry, config.METRICS_TOKEN);

  health.addCheck('stream_reader', () => reader.isRunning());
  health.addCheck('redis', () => bus.ping().then(() => true));

  let listenSocket: uWS.us_listen_socket | null = null;
  let pruneTimer: NodeJS.Timeout | undefined;

  return {
    async start() {
      sweeper.start();
      pruneTimer = setInterval(() => limiter.prune(), 10_000);
      metrics.readerUp.set(0);
      await reader.start();
      metrics.readerUp.set(reader.isRunning() ? 1 : 0);
    },
    listen(host, port) {
      return new Promise((resolve, reject) => {
        app.listen(host, port, (socket) => {
          if (!socket) return reject(new Error(`cannot listen on ${host}:${port}`));
          listenSocket = socket;
          resolve(uWS.us_socket_local_port(socket));
        });
      });
    },
    async drain() {
      health.markDraining();
      log.info({ sockets: clients.size, spreadMs: config.FANOUT_DRAIN_MS }, 'draining: closing sockets with 1001');
      await closeInBatches(clients, { spreadMs: config.FANOUT_DRAIN_MS, close: (c) => close(c, 1001, 'going away') });
    },
    async close() {
      sweeper.stop();
      clearInterval(pruneTimer);
      await reader.stop();
      metrics.readerUp.set(0);
      if (listenSocket) uWS.us_listen_socket_close(listenSocket);
      listenSocket = null;
      for (const client of clients) client.ws?.close();
    },
    clientCount: () => clients.size,
  };
}
