// Each pod reads the frames stream itself from its last position (no consumer group: every pod
// needs every frame). The bus's blocking read settles near blockMs whatever Redis does, so the
// loop rides through an outage and continues where it stopped when Redis returns.
import type { Bus, StreamEntry } from '@tickstock/bus';
import type { Logger } from '@tickstock/observability';

export type StreamReader = {
  /** Finds the starting position (the stream's last id, retrying while Redis is away), then reads until stop(). */
  start(): Promise<void>;
  /** The id of the last entry handed on, or null before start() found the position. */
  position(): string | null;
  /** True while the read loop runs. */
  isRunning(): boolean;
  stop(): Promise<void>;
};

export type StreamReaderOptions = {
  bus: Bus;
  stream: string;
  log: Logger;
  /** Called once with the starting position, before any entry. */
  onStart(position: string): Promise<void> | void;
  /** Entries in stream order; must not throw (the position moves past them either way). */
  onEntries(entries: StreamEntry[]): void;
  blockMs?: number;
  count?: number;
};

const RETRY_MS = [100, 250, 500, 1000, 2000];

export function createStreamReader(opts: StreamReaderOptions): StreamReader {
  const stop = new AbortController();
  let position: string | null = null;
  let running = false;
  let loop: Promise<void> = Promise.resolve();

  const pause = (attempt: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]);
      stop.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });

  async function findStart(): Promise<string | null> {
    for (let attempt = 0; !stop.signal.aborted; attempt++) {
      try {
        // New frames only: history is for replays, which read it on demand.
        return (await opts.bus.streamInfo(opts.stream)).lastId ?? '0-0';
      } catch (err) {
        opts.log.warn({ err, stream: opts.stream, attempt }, 'frames stream not reachable yet; retrying');
        await pause(attempt);
      }
    }
    return null;
  }

  async function run(from: string) {
    const count = opts.count ?? 500;
    let after = from;
    let failures = 0;
    while (!stop.signal.aborted) {
      let entries: StreamEntry[];
      try {
        entries = await opts.bus.read(opts.stream, after, { blockMs: opts.blockMs ?? 1000, count, signal: stop.signal });
        failures = 0;
      } catch (err) {
        // Outages settle as []; what throws is unexpected (a bad reply, a closed bus): log, back off, go on.
        if (stop.signal.aborted) break;
        opts.log.error({ err, stream: opts.stream, after }, 'frames stream read failed; retrying');
        await pause(failures++);
        continue;
      }
      if (entries.length === 0) continue;
      // The ingest appends a flush's frames back to back (both batches every 250 ms): a blocking
      // read wakes on the first, so one immediate read collects the rest. Published in one tick,
      // uWS coalesces them into one write per socket, which halves the syscalls for those frames.
      if (entries.length < count) {
        const more = await opts.bus.read(opts.stream, entries[entries.length - 1]!.id, { count: count - entries.length }).catch(() => []);
        entries.push(...more);
      }
      opts.onEntries(entries);
      after = entries[entries.length - 1]!.id;
      position = after;
    }
  }

  return {
    async start() {
      const from = await findStart();
      if (from === null) return;
      await opts.onStart(from);
      position = from;
      running = true;
      loop = run(from).finally(() => {
        running = false;
      });
    },
    position: () => position,
    isRunning: () => running,
    async stop() {
      stop.abort();
      await loop;
    },
  };
}
