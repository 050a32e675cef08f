// Replays the frames after a socket's cursor up to this pod's reader position, then hands the
// socket to its topics. Frames come from the in-memory cache when it reaches back that far, else
// from the stream's history (XRANGE); when neither holds them the answer is `resync_required`.
// Nothing is published in between a check of the position and joining the topics (both happen in
// one synchronous step), so a socket misses no frame and gets none twice.
import { compareStreamIds, type Bus } from '@tickstock/bus';
import type { Logger } from '@tickstock/observability';
import type { FanoutMetrics } from '../metrics';
import { prepareFrame, type PreparedFrame } from '../stream/prepared-frame';
import type { RecentFrames } from '../stream/recent-frames';
import { textsFor } from '../topics/topics';
import { isStale, type Client } from './client';

const PAGE = 200;
/** A catch-up waiting this long for a socket to drain its buffer gives up on it: too slow. */
const DRAIN_TIMEOUT_MS = 30_000;
const RETRY_MS = [200, 500, 1000, 2000, 4000];

export type CatchUpDeps = {
  bus: Bus;
  stream: string;
  recent: () => RecentFrames;
  position: () => string;
  metrics: FanoutMetrics;
  log: Logger;
  /** A catch-up pauses above this many buffered bytes (half the slow-consumer limit) until the socket drains. */
  pauseAboveBytes: number;
  compress: boolean;
  goLive(client: Client): void;
  resync(client: Client, reason: string): void;
  close(client: Client, code: number, reason: string): void;
};

export type CatchUp = (client: Client) => Promise<void>;

export function createCatchUp(deps: CatchUpDeps): CatchUp {
  const framesOut = deps.metrics.framesOut.labels('replay');
  const bytesOut = deps.metrics.bytesOut.labels('replay');

  /** Sends frames in order while they are at or before the reader's position; false once the buffer is full. */
  function sendRun(client: Client, frames: Iterable<PreparedFrame>): boolean {
    const ws = client.ws!;
    let room = true;
    ws.cork(() => {
      for (const frame of frames) {
        if (compareStreamIds(frame.id, deps.position()) > 0) break; // the reader publishes it: topics will bring it
        for (const text of textsFor(client.subscription, frame)) {
          // uWS closes a socket past its hard limit inside send(); a closed socket must not be touched again.
          if (client.ws === null) return;
          ws.send(text, false, deps.compress);
          framesOut.inc();
          bytesOut.inc(Buffer.byteLength(text));
          deps.metrics.replayedFrames.inc();
        }
        client.cursor = frame.id;
        if (client.ws === null) return;
        if (ws.getBufferedAmount() >= deps.pauseAboveBytes) {
          room = false;
          break;
        }
      }
    });
    return room;
  }

  function* cached(recent: RecentFrames, from: number): Generator<PreparedFrame> {
    for (let n = from; n < recent.end(); n++) yield recent.at(n)!;
  }

  function* fromEntries(entries: Awaited<ReturnType<Bus['range']>>, log: Logger): Generator<PreparedFrame> {
    for (const entry of entries) {
      const prepared = prepareFrame(entry);
      if (prepared.ok) yield prepared.frame;
      else log.warn({ id: entry.id, reason: prepared.reason }, 'skipping a stream entry that is not a frame');
    }
  }

  function drained(client: Client): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        client.onDrain = undefined;
        resolve(false);
      }, DRAIN_TIMEOUT_MS);
      client.onDrain = () => {
        clearTimeout(timer);
        client.onDrain = undefined;
        resolve(true);
      };
    });
  }

  /** One pass: frames from the cache or one page of history. Resolves 'done' when the socket is handed on. */
  async function step(client: Client, generation: number): Promise<'more' | 'done'> {
    if (compareStreamIds(client.cursor, deps.position()) >= 0) {
      deps.goLive(client);
      return 'done';
    }
    const recent = deps.recent();
    const from = recent.indexAfter(client.cursor);
    let room: boolean;
    if (from !== null) {
      room = sendRun(client, cached(recent, from));
    } else {
      // From just before the cursor: when the cursor's own entry comes back first, nothing after it
      // was trimmed; otherwise the oldest entry still held must not be after the cursor.
      const entries = await deps.bus.range(deps.stream, idBefore(client.cursor), PAGE);
      if (isStale(client, generation)) return 'done';
      let page = entries;
      if (page[0]?.id === client.cursor) page = page.slice(1);
      else {
        const info = await deps.bus.streamInfo(deps.stream);
        if (isStale(client, generation)) return 'done';
        if (info.firstId === null || compareStreamIds(client.cursor, info.firstId) < 0) {
          deps.resync(client, 'history no longer reaches back to since');
          return 'done';
        }
      }
      const head = page[0];
      if (head === undefined || compareStreamIds(head.id, deps.position()) > 0) {
        // Frames up to the reader's position were read once but the stream no longer has them (Redis lost its data).
        deps.resync(client, 'history no longer holds the frames after since');
        return 'done';
      }
      room = sendRun(client, fromEntries(page, deps.log));
    }
    if (!room && !(await drained(client)) && !isStale(client, generation)) {
      deps.metrics.slowConsumerCloses.inc();
      deps.close(client, 4008, 'too slow to keep up');
      return 'done';
    }
    return 'more';
  }

  return async (client) => {
    const generation = client.generation;
    let failures = 0;
    while (!isStale(client, generation)) {
      try {
        if ((await step(client, generation)) === 'done') return;
        failures = 0;
      } catch (err) {
        // Redis away while the cache does not reach back: try a few times, then send the client to REST.
        deps.log.warn({ err, user: client.user, cursor: client.cursor, failures }, 'catch-up read failed');
        if (failures >= RETRY_MS.length) {
          if (!isStale(client, generation)) deps.resync(client, 'history unavailable');
          return;
        }
        await new Promise((r) => setTimeout(r, RETRY_MS[failures++]));
      }
    }
  };
}

const MAX_SEQ = 18446744073709551615n;

/** The largest stream id before `id`, so an exclusive XRANGE start includes `id` itself. */
export function idBefore(id: string): string {
  const dash = id.indexOf('-');
  const ms = BigInt(dash === -1 ? id : id.slice(0, dash));
  const seq = dash === -1 ? 0n : BigInt(id.slice(dash + 1));
  if (seq > 0n) return `${ms}-${seq - 1n}`;
  return ms > 0n ? `${ms - 1n}-${MAX_SEQ}` : '0-0';
}
