// The ingest, assembled from its parts with no side effects at import (HOUSE-STYLE.md):
// TickStockPL channels → decode → buffer → frames stream; accepted events → events stream →
// PostgreSQL. Only the leader (Redis lease) handles messages; a standby only counts them.
import type { Bus, Subscription } from '@tickstock/bus';
import { ALL_CHANNELS, SERVICE_KEYS } from '@tickstock/contracts';
import { throttle, type Health as HealthChecks, type Logger } from '@tickstock/observability';
import { createStreamingBuffer } from './buffer/streaming-buffer';
import type { IngestConfig } from './config';
import { createLeaderElection, type Leadership } from './leader/leader-election';
import type { IngestMetrics } from './metrics';
import { createDeadLetters } from './out/dead-letters';
import { createEventLog } from './out/event-log';
import { createFramePublisher } from './out/frame-publisher';
import { createLiveState } from './out/live-state';
import { createFlusher } from './pipeline/flusher';
import { createMessageHandler } from './pipeline/message-handler';
import { collectStats } from './stats';
import type { StoreWriter } from './store/store-writer';

export type IngestDeps = {
  config: IngestConfig;
  bus: Bus;
  /**
   * Drains the events stream into PostgreSQL while this replica leads: on its own thread in the
   * service (store-thread.ts), in-process in tests and the single-process stack (store-writer.ts).
   */
  writer: StoreWriter;
  log: Logger;
  metrics: IngestMetrics;
  health: HealthChecks;
  /** This replica's id in the lease and the consumer group. */
  owner: string;
  /** Retention for plain PostgreSQL (TimescaleDB prunes by itself); called hourly by the leader. */
  prune?: () => Promise<unknown>;
};

export type Ingest = {
  start(): Promise<void>;
  /** Graceful: stop taking messages, flush the buffer, drain the store writer, release the lease. */
  stop(opts?: { drainMs?: number }): Promise<void>;
  leadership(): Leadership;
  subscriptionReady(): boolean;
};

const BEAT_MS = 2_000;
const PRUNE_MS = 3_600_000;

export function buildIngest(deps: IngestDeps): Ingest {
  const { config, bus, log, metrics } = deps;
  const onError = (what: string) => (err: unknown) => log.warn({ err }, what);

  const buffer = createStreamingBuffer(
    {
      enabled: config.STREAMING_BUFFER_ENABLED,
      maxBufferSize: config.STREAMING_MAX_BUFFER_SIZE,
      maxBatchSize: config.STREAMING_MAX_BATCH_SIZE,
      priorityConfidence: config.STREAMING_PRIORITY_CONFIDENCE,
    },
    { onDrop: (stream) => metrics.dropped.inc({ stream }) },
  );
  const fencedNotice = throttle(1_000);
  const appendErrorNotice = throttle(1_000);
  const frames = createFramePublisher(bus, {
    maxLen: config.FRAMES_STREAM_MAXLEN,
    hooks: {
      onAppended(frame) {
        metrics.framesOut.inc({ event: frame.event });
        if (frame.producedAt) metrics.lag.observe({ event: frame.event }, Math.max(0, Date.now() - Date.parse(frame.producedAt)) / 1000);
      },
      onFenced(frame) {
        metrics.fenced.inc();
        metrics.unsent.inc({ event: frame.event, reason: 'fenced' }, frame.items);
        // Every frame in flight is refused at once when the lease moves on: say it once a second.
        fencedNotice((skipped) => {
          log.warn({ event: frame.event, alsoRefused: skipped }, 'frame refused: this replica no longer holds the lease');
          void election.checkNow();
        });
      },
      onError(err, frame) {
        metrics.unsent.inc({ event: frame.event, reason: 'failed' }, frame.items);
        appendErrorNotice((skipped) => log.error({ err, event: frame.event, alsoFailed: skipped }, 'frame append failed'));
      },
    },
  });
  const events = createEventLog(bus, {
    maxLen: config.EVENTS_STREAM_MAXLEN,
    onLost(err, lost) {
      metrics.persistLost.inc(lost);
      log.error({ err, lost }, 'events could not be queued for storage and are lost');
    },
    onRetrying: (err, entries) => log.warn({ err, entries }, 'queueing events for storage failed; retrying'),
  });
  const liveState = createLiveState(bus, { onError: onError('live state write failed') });
  const handle = createMessageHandler({
    buffer,
    frames,
    events,
    deadLetters: createDeadLetters(bus, { maxLen: config.DEADLETTER_STREAM_MAXLEN, onError: onError('dead-letter append failed') }),
    state: liveState,
    metrics,
    log,
  });
  const flusher = createFlusher({ buffer, frames, metrics, intervalMs: config.STREAMING_BUFFER_INTERVAL });
  const { writer } = deps;
  const timers: NodeJS.Timeout[] = [];
  let subscription: Subscription | undefined;

  async function becameLeader(fence: number): Promise<void> {
    const last = (await bus.streamInfo(SERVICE_KEYS.framesStream).catch(() => null))?.lastId;
    const lastMs = last ? Number(last.split('-')[0]) : 0;
    if (fence > 1 && lastMs > 0) metrics.leaderGap.observe((Date.now() - lastMs) / 1000);
    log.info({ fence, owner: deps.owner }, 'this replica is now the ingest leader');
  }

  const election = createLeaderElection(bus, {
    owner: deps.owner,
    ttlMs: config.INGEST_LEASE_TTL_MS,
    onError: onError('leader lease check failed'),
    onChange(state) {
      metrics.leader.set(state.leader ? 1 : 0);
      if (state.leader) {
        metrics.leaderChanges.inc();
        frames.setTerm({ owner: deps.owner, fence: state.fence });
        events.setTerm(state.fence);
        events.start();
        flusher.start();
        writer.start();
        void becameLeader(state.fence);
      } else {
        log.warn({ owner: deps.owner }, 'this replica is no longer the ingest leader');
        flusher.stop();
        frames.setTerm(null);
        events.setTerm(null);
        void events.stop();
        void writer.stop();
      }
    },
  });

  let pausedMsCounted = 0;
  const beat = async () => {
    const pausedMs = subscription?.pausedMs() ?? 0;
    metrics.subscriptionPaused.inc((pausedMs - pausedMsCounted) / 1000);
    pausedMsCounted = pausedMs;
    if (!election.current().leader) return;
    metrics.persistBacklog.set(await writer.backlog());
    await liveState.beat(await collectStats(metrics));
  };

  return {
    async start() {
      subscription = bus.subscribe(ALL_CHANNELS, (channel, text) => {
        if (election.current().leader) handle(channel, text);
        else metrics.standbySkipped.inc();
      });
      metrics.subscriptionUp.set(0);
      subscription.onReadyChange((ready) => {
        metrics.subscriptionUp.set(ready ? 1 : 0);
        // Back after an outage: Redis may have restarted empty, lease included; find out at once.
        if (ready) void election.checkNow();
        log[ready ? 'info' : 'warn']({ channels: ALL_CHANNELS.length }, ready ? 'subscribed to TickStockPL' : 'TickStockPL subscription down');
      });
      deps.health.addCheck('redis_subscription', () => subscription?.isReady() ?? false);
      await election.start();
      timers.push(setInterval(() => void beat().catch(onError('heartbeat failed')), BEAT_MS));
      if (deps.prune) {
        const prune = deps.prune;
        timers.push(setInterval(() => void (election.current().leader ? prune().catch(onError('retention prune failed')) : null), PRUNE_MS));
      }
      await beat().catch(onError('heartbeat failed'));
    },
    async stop(opts = {}) {
      deps.health.markDraining();
      for (const t of timers) clearInterval(t);
      await subscription?.close();
      if (election.current().leader) {
        flusher.flushNow();
        flusher.stop();
        await events.stop({ shutdown: true });
        await frames.settled();
        await writer.stop({ drainMs: opts.drainMs ?? 5_000 });
      }
      await writer.close();
      await election.stop();
    },
    leadership: () => election.current(),
    subscriptionReady: () => subscription?.isReady() ?? false,
  };
}
