// Where the stream reader and the sockets meet: frames are published to topics in stream order,
// and each socket joins its topics exactly at the position its catch-up reached (or, when it is
// ahead of this pod's reader, right before the first frame after its cursor is published).
import { compareStreamIds, type Bus } from '@tickstock/bus';
import { resyncRequiredFrame } from '@tickstock/contracts';
import type { Logger } from '@tickstock/observability';
import type { FanoutMetrics } from '../metrics';
import type { LiveState } from '../stream/live-state';
import type { PreparedFrame } from '../stream/prepared-frame';
import { createRecentFrames, type RecentFrames } from '../stream/recent-frames';
import type { Publisher } from '../topics/publisher';
import { topicsOf } from '../topics/topics';
import { createCatchUp } from './catch-up';
import { isStale, type Client } from './client';

export type Delivery = {
  /** The reader found its starting position. */
  started(position: string): void;
  /** The reader's position: every frame up to it has been published. Null before started(). */
  position(): string | null;
  /** Frames read from the stream, in order. */
  onFrames(frames: readonly PreparedFrame[]): void;
  /** A socket opened (its welcome carries position()): delivery starts at its first frame or after the window. */
  opened(client: Client): void;
  /** Starts delivery for a pending socket from its welcome position (its first frame was not a resume). */
  begin(client: Client): void;
  /** Restarts delivery after `since`: replay, then topics (or resync_required). */
  resume(client: Client, since: string): Promise<void>;
  /** The socket's subscription changed: a live socket's topics follow at once. */
  resubscribed(client: Client): void;
  closed(client: Client): void;
};

export type DeliveryDeps = {
  bus: Bus;
  stream: string;
  publisher: Publisher;
  liveState: LiveState;
  metrics: FanoutMetrics;
  log: Logger;
  replayCacheFrames: number;
  resumeWindowMs: number;
  maxBackpressureBytes: number;
  compress: boolean;
  close(client: Client, code: number, reason: string): void;
  /**
   * Checks every socket's send buffer (the sweeper). Publishing is synchronous in uWS, so calling
   * it after at most `sweepEveryBytes` published bytes bounds how far past the limit a socket gets.
   */
  sweep(): void;
  sweepEveryBytes: number;
};

export function createDelivery(deps: DeliveryDeps): Delivery {
  let position: string | null = null;
  let recent: RecentFrames = createRecentFrames(0, '0-0');
  /** Sockets ahead of this pod's reader, waiting for it to pass their cursor. */
  const waiting = new Set<Client>();

  const setTopics = (client: Client, next: string[]) => {
    const ws = client.ws!;
    const keep = new Set(next);
    for (const t of client.topics) if (!keep.has(t)) ws.unsubscribe(t);
    const had = new Set(client.topics);
    for (const t of next) if (!had.has(t)) ws.subscribe(t);
    client.topics = next;
  };

  const join = (client: Client) => {
    waiting.delete(client);
    client.phase = 'live';
    setTopics(client, topicsOf(client.subscription));
  };

  const goLive = (client: Client) => {
    const ahead = compareStreamIds(client.cursor, position!) > 0;
    deps.log.debug({ user: client.user, cursor: client.cursor, position, ahead }, 'socket joins its topics');
    if (ahead) {
      client.phase = 'waiting';
      waiting.add(client);
    } else join(client);
  };

  const resync = (client: Client, reason: string) => {
    deps.metrics.resyncs.inc();
    client.ws!.send(JSON.stringify(resyncRequiredFrame(reason)), false, deps.compress);
    // From here on the client reloads from REST and takes the live frames.
    client.cursor = position!;
    goLive(client);
  };

  const catchUp = createCatchUp({
    bus: deps.bus,
    stream: deps.stream,
    recent: () => recent,
    position: () => position!,
    metrics: deps.metrics,
    log: deps.log,
    pauseAboveBytes: Math.floor(deps.maxBackpressureBytes / 2),
    compress: deps.compress,
    goLive,
    resync,
    close: (client, code, reason) => deps.close(client, code, reason),
  });

  const startCatchUp = (client: Client) => {
    client.phase = 'catching-up';
    catchUp(client).catch((err: unknown) => deps.log.error({ err, user: client.user }, 'catch-up failed'));
  };

  return {
    started(start) {
      position = start;
      recent = createRecentFrames(deps.replayCacheFrames, start);
    },
    position: () => position,
    onFrames(frames) {
      let unchecked = 0;
      for (const frame of frames) {
        if (waiting.size > 0) {
          for (const client of waiting) if (compareStreamIds(client.cursor, frame.id) < 0) join(client);
        }
        deps.liveState.apply(frame);
        unchecked += deps.publisher.publish(frame);
        recent.push(frame);
        position = frame.id;
        if (unchecked >= deps.sweepEveryBytes) {
          deps.sweep();
          unchecked = 0;
        }
      }
      if (unchecked > 0) deps.sweep();
    },
    opened(client) {
      client.cursor = position!;
      if (deps.resumeWindowMs === 0) return startCatchUp(client);
      client.pendingTimer = setTimeout(() => {
        client.pendingTimer = undefined;
        if (client.phase === 'pending') startCatchUp(client);
      }, deps.resumeWindowMs);
    },
    begin(client) {
      if (client.phase !== 'pending') return;
      clearTimeout(client.pendingTimer);
      client.pendingTimer = undefined;
      startCatchUp(client);
    },
    async resume(client, since) {
      clearTimeout(client.pendingTimer);
      client.pendingTimer = undefined;
      const generation = ++client.generation;
      deps.log.debug({ user: client.user, since, position, phase: client.phase }, 'resume');
      if (client.phase === 'live') setTopics(client, []);
      waiting.delete(client);
      client.phase = 'catching-up';
      client.cursor = since;
      if (compareStreamIds(since, position!) > 0) {
        // Ahead of this pod: fine if the stream has it (another pod read further), else the stream was reset.
        const info = await deps.bus.streamInfo(deps.stream).catch(() => null);
        if (isStale(client, generation)) return;
        if (info?.lastId == null || compareStreamIds(since, info.lastId) > 0) return resync(client, 'since is not in the stream');
        // The reader may have passed `since` meanwhile: catch-up replays what it published, or waits.
        return catchUp(client);
      }
      deps.metrics.replays.inc({ source: recent.indexAfter(since) === null ? 'stream' : 'cache' });
      await catchUp(client);
    },
    resubscribed(client) {
      if (client.phase === 'live') setTopics(client, topicsOf(client.subscription));
    },
    closed(client) {
      clearTimeout(client.pendingTimer);
      waiting.delete(client);
      client.onDrain?.();
    },
  };
}
