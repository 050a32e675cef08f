// Drains the events stream into PostgreSQL with a consumer group (at-least-once): entries are
// acknowledged only after their rows are stored. While PostgreSQL is down the batch in hand is
// retried with backoff and the rest waits in the stream; entries a crashed writer left pending
// are claimed after a while. Inserts are idempotent, so a redelivered entry is stored once.
import { isBusError, type Bus, type StreamEntry } from '@tickstock/bus';
import { SERVICE_KEYS } from '@tickstock/contracts';
import { isDataRejected } from '@tickstock/db';
import { throttle, type Logger } from '@tickstock/observability';
import type { IngestMetrics } from '../metrics';
import { EVENT_FIELDS, type StoredEventEntry } from '../out/event-log';
import { createDeadLetters } from '../out/dead-letters';
import type { EventStore } from './event-store';
import { createLossTracker } from './loss-tracker';

export type StoreWriter = {
  start(): void;
  /** Stops after the batch in hand; with drainMs, first keeps writing until the stream is empty or the time is up. */
  stop(opts?: { drainMs?: number }): Promise<void>;
  /** Entries (of up to 100 events each) in the events stream not yet stored. */
  backlog(): Promise<number>;
  /** Releases what the writer holds (a thread); after stop(), on shutdown. */
  close(): Promise<void>;
};

/** What the writer reports: onto the ingest's metrics in-process, or posted from its thread (store-thread.ts). */
export type PersistenceReport = {
  stored(table: string, rows: number): void;
  /** Receipt-to-row seconds of each event of a stored batch. */
  lagged(seconds: readonly number[]): void;
  failed(): void;
  /** Events the events stream's cap trimmed before they were stored. */
  lost(events: number): void;
  /** Events PostgreSQL refused (dead-lettered). */
  unstorable(events: number): void;
};

export function reportTo(metrics: IngestMetrics): PersistenceReport {
  return {
    stored: (table, rows) => metrics.persisted.inc({ table }, rows),
    lagged: (seconds) => {
      for (const s of seconds) metrics.persistLag.observe(s);
    },
    failed: () => metrics.persistErrors.inc(),
    lost: (events) => metrics.persistLost.inc(events),
    unstorable: (events) => metrics.unstorable.inc(events),
  };
}

export type StoreWriterDeps = {
  bus: Bus;
  store: EventStore;
  report: PersistenceReport;
  /**
   * Cap of the dead-letter stream where events PostgreSQL refuses go (channel
   * STORE_DEAD_LETTER_CHANNEL, reason `unstorable`); DEADLETTER_STREAM_MAXLEN, default 10,000.
   */
  deadLetterMaxLen?: number;
  log: Logger;
  consumer: string;
  /**
   * Entries (up to 100 events each) stored per round; default 20, so up to ~2,000 rows per
   * INSERT: large enough that per-statement costs vanish, small enough that a round's parsed
   * events and statement stay a few MB.
   */
  entriesPerRead?: number;
  /** Entries pending this long on a dead consumer are taken over. */
  claimIdleMs?: number;
};

const { eventsStream: STREAM, storeGroup: GROUP } = SERVICE_KEYS;

const DEFAULT_ENTRIES_PER_READ = 20;

/** The dead-letter `channel` of events the store refused: not a TickStockPL channel, the ingest's own stage. */
export const STORE_DEAD_LETTER_CHANNEL = 'ingest:store';

export function createStoreWriter(deps: StoreWriterDeps): StoreWriter {
  const { bus, store, report, log, consumer } = deps;
  const unstorableNotice = throttle(1_000);
  const deadLetters = createDeadLetters(bus, {
    maxLen: deps.deadLetterMaxLen ?? 10_000,
    onError: (err) => log.warn({ err }, 'dead-letter append failed'),
  });
  const losses = createLossTracker();
  let running = false;
  // Bumped by start(): a loop from an earlier start() ends at its next check even when running is
  // true again (app.ts does not await stop() when the lease lapses and is taken again at once).
  let generation = 0;
  let abort = new AbortController();
  let loop: Promise<void> = Promise.resolve();
  let groupReady = false;
  // Set by start(): take back at once whatever is pending in the group before reading new
  // entries. An aborted blocking read (a stop, a lease flap) can leave entries delivered but
  // never stored; read later they would look like a gap in the running count (a false loss)
  // and wait for the idle timeout. Once nothing is pending, only entries idle that long are claimed.
  let reclaimFirst = true;

  async function ensureGroup(): Promise<void> {
    if (groupReady) return;
    // From the start of the stream: events appended before the first writer ever ran are stored too.
    await bus.createGroup(STREAM, GROUP, '0');
    groupReady = true;
  }

  async function nextEntries(): Promise<StreamEntry[]> {
    const claimed = await bus.autoclaim(STREAM, GROUP, consumer, reclaimFirst ? 0 : (deps.claimIdleMs ?? 30_000), { count: deps.entriesPerRead ?? DEFAULT_ENTRIES_PER_READ });
    if (claimed.entries.length > 0) return claimed.entries;
    reclaimFirst = false;
    return bus.readGroup(STREAM, GROUP, consumer, { count: deps.entriesPerRead ?? DEFAULT_ENTRIES_PER_READ, blockMs: 500, signal: abort.signal });
  }

  async function storeWithRetry(entries: StreamEntry[]): Promise<boolean> {
    const events: StoredEventEntry[] = [];
    for (const entry of entries) {
      const f = entry.fields;
      const lost = losses.observe(Number(f[EVENT_FIELDS.fence]), Number(f[EVENT_FIELDS.cumulative]), Number(f[EVENT_FIELDS.count]));
      if (lost > 0) {
        report.lost(lost);
        log.error({ lost, stream: STREAM }, 'events trimmed from the events stream before they were stored');
      }
      try {
        events.push(...(JSON.parse(f[EVENT_FIELDS.batch] ?? '[]') as StoredEventEntry[]));
      } catch (err) {
        log.error({ err, id: entry.id }, 'unreadable events entry skipped');
      }
    }
    return storeEvents(events);
  }

  /** Retries while the database is away; false when stopped meanwhile. */
  async function storeEvents(events: StoredEventEntry[]): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        const inserted = await store.store(events.map((e) => e.event));
        for (const [table, n] of Object.entries(inserted)) if (n > 0) report.stored(table, n);
        const now = Date.now();
        report.lagged(events.map((e) => (now - e.at) / 1000));
        return true;
      } catch (err) {
        report.failed();
        if (isDataRejected(err)) return isolateRejected(events, err);
        if (attempt % 10 === 0) log.warn({ err, events: events.length, attempt }, 'storing events failed; retrying');
        if (!running && abort.signal.aborted) return false;
        await delay(Math.min(5_000, 250 * 2 ** Math.min(attempt, 5)), abort.signal);
        if (!running) return false;
      }
    }
  }

  /**
   * PostgreSQL refused the rows themselves (isDataRejected): retrying the batch would stall the
   * writer forever behind one bad event. Halves are stored separately (inserts are idempotent)
   * until the events it refuses are alone; those go to the dead-letter stream, are counted, and
   * everything else is stored.
   */
  async function isolateRejected(events: StoredEventEntry[], err: unknown): Promise<boolean> {
    if (events.length === 1) {
      const [entry] = events as [StoredEventEntry];
      report.unstorable(1);
      const detail = err instanceof Error ? err.message : String(err);
      deadLetters.add({ channel: STORE_DEAD_LETTER_CHANNEL, reason: 'unstorable', detail: detail.slice(0, 500), raw: JSON.stringify(entry.event), at: Date.now() });
      unstorableNotice((skipped) => log.error({ err, kind: entry.event.kind, alsoRefused: skipped }, 'an event PostgreSQL refuses was dead-lettered'));
      return true;
    }
    const half = Math.ceil(events.length / 2);
    return (await storeEvents(events.slice(0, half))) && (await storeEvents(events.slice(half)));
  }

  async function run(mine: number): Promise<void> {
    while (running && mine === generation) {
      try {
        await ensureGroup();
        const entries = await nextEntries();
        if (entries.length === 0) continue;
        if (!(await storeWithRetry(entries))) return;
        const ids = entries.map((e) => e.id);
        await bus.ack(STREAM, GROUP, ids);
        // Stored entries leave the stream, so its length is the backlog (read or not yet read).
        await bus.deleteEntries(STREAM, ids);
      } catch (err) {
        // Redis trouble: after a restart the group is gone (Redis kept no data) and is made again.
        if (isBusError(err) && err.code === 'NO_GROUP') groupReady = false;
        if (running) {
          log.warn({ err }, 'store writer: stream read failed; retrying');
          await delay(500, abort.signal);
        }
      }
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      abort = new AbortController();
      reclaimFirst = true;
      const mine = ++generation;
      // After the previous loop has finished the batch in hand, so one loop reads the group at a
      // time. Without this, a lease that lapses and is taken again at once (the ingest bench,
      // issue 3, under CPU starvation) left the old loop running beside the new one, one more
      // for every flap, each storing batches of up to 10,000 events concurrently.
      loop = loop.then(() => run(mine));
    },
    async stop(opts = {}) {
      if (!running) return loop;
      const deadline = Date.now() + (opts.drainMs ?? 0);
      while (Date.now() < deadline && (await this.backlog().catch(() => 0)) > 0) await delay(50);
      running = false;
      abort.abort();
      await loop;
    },
    backlog: async () => (await bus.streamInfo(STREAM)).length,
    close: () => Promise.resolve(),
  };
}

/** Resolves after ms, or at once on abort; the abort listener goes when the timer fires (no leak across retries). */
function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
