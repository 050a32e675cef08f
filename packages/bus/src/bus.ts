// The bus as the services see it: streams, pub/sub and keys, with two engines behind it
// (Redis for deployments, memory for the single-process local mode). Both engines pass the same
// contract suite (test/bus.contract.ts), so code written against this type runs on either.
//
// Naming: every KEY the bus touches (streams, strings, hashes, leases) gets the bus's prefix,
// so deployments and test files sharing one Redis never collide. Pub/sub CHANNELS are not
// prefixed: they are TickStockPL's own names (`tickstock:patterns:streaming`, ...).
// `getRaw` reads one key without the prefix, for the producer heartbeat TickStockPL writes.
//
// Errors are BusError (bus-error.ts). Calls made after close() reject with code CLOSED.

/** One stream entry: its id (`<ms>-<seq>`, increasing) and its field/value pairs. */
export type StreamEntry = { id: string; fields: Record<string, string> };

export type ReadOptions = {
  /** At most this many entries per call (default 100, so a far-behind reader gets bounded replies). */
  count?: number;
  /**
   * Wait up to this long (ms, > 0) for entries when there are none yet. The call settles within
   * about that time whatever happens: with entries, or [] when none came, when Redis was
   * unreachable meanwhile, or when the signal aborted or the bus closed. Without it the call does
   * not wait.
   */
  blockMs?: number;
  /** Aborting ends a waiting read early with []. */
  signal?: AbortSignal;
};

export type StreamInfo = {
  /** Entries currently held (after trimming). */
  length: number;
  /** Oldest entry still held; null when the stream is empty or missing. */
  firstId: string | null;
  /** Last id ever generated, even if trimmed away since; null when the stream is missing. */
  lastId: string | null;
};

export type ClaimResult = {
  /** Where the next autoclaim scan starts; `0-0` once the whole pending list was scanned. */
  nextId: string;
  /** Entries now owned by the claiming consumer (their delivery count went up). */
  entries: StreamEntry[];
  /** Pending ids whose entries were trimmed away: dropped from the pending list, nothing to redo. */
  deletedIds: string[];
};

/** A live pub/sub subscription on its own connection. */
export type Subscription = {
  /** True while the subscription is confirmed by the server; false while it is down or closed. */
  isReady: () => boolean;
  /** Called on every change of isReady(); returns the unsubscribe function. */
  onReadyChange: (listener: (ready: boolean) => void) => () => void;
  /**
   * Milliseconds, in total, that this subscription stopped reading because the bus's own
   * commands were backed up (Redis engine: flow-control.ts); 0 on the memory engine.
   */
  pausedMs: () => number;
  /** Unsubscribes and ends the connection. */
  close: () => Promise<void>;
};

export type MessageHandler = (channel: string, text: string) => void;

export type Bus = {
  /** The key prefix this bus applies (e.g. `tickstock:`). */
  readonly prefix: string;

  // ── pub/sub (channels are not prefixed) ──
  /** Publishes text; resolves with how many subscribers received it. */
  publish: (channel: string, text: string) => Promise<number>;
  /**
   * Subscribes on a connection of its own. The subscription outlives Redis restarts: it
   * reconnects and subscribes again by itself, and isReady() tells whether it is live. Messages
   * published while it is down are lost (that is pub/sub); streams are the way to catch up.
   */
  subscribe: (channels: readonly string[], onMessage: MessageHandler) => Subscription;

  // ── streams ──
  /** XADD with `MAXLEN ~ maxLen` when given (keeps at least maxLen entries); resolves with the new id. */
  append: (stream: string, fields: Record<string, string>, opts?: { maxLen?: number }) => Promise<string>;
  /** XREAD: entries with ids after `afterId` (`0` for all, `$` for only those appended from now). */
  read: (stream: string, afterId: string, opts?: ReadOptions) => Promise<StreamEntry[]>;
  /** XRANGE `(afterId +`: up to count entries after afterId, for replay. Never waits. */
  range: (stream: string, afterId: string, count: number) => Promise<StreamEntry[]>;
  streamInfo: (stream: string) => Promise<StreamInfo>;

  // ── consumer groups (at-least-once) ──
  /** Creates the group (and the stream) unless it exists; `startId` `$` (default) or `0`. */
  createGroup: (stream: string, group: string, startId?: string) => Promise<void>;
  /** XREADGROUP `>`: entries never delivered to this group; they stay pending until acked. */
  readGroup: (stream: string, group: string, consumer: string, opts?: ReadOptions) => Promise<StreamEntry[]>;
  /** Resolves with how many of the ids were pending (and are now acknowledged). */
  ack: (stream: string, group: string, ids: readonly string[]) => Promise<number>;
  /** XAUTOCLAIM: takes over entries pending longer than minIdleMs (from a crashed consumer). */
  autoclaim: (
    stream: string,
    group: string,
    consumer: string,
    minIdleMs: number,
    opts?: { startId?: string; count?: number },
  ) => Promise<ClaimResult>;
  pendingCount: (stream: string, group: string) => Promise<number>;
  /**
   * XDEL: removes entries, e.g. a queue's entries once stored, so the stream's length is its
   * backlog. Resolves with how many existed.
   */
  deleteEntries: (stream: string, ids: readonly string[]) => Promise<number>;

  // ── keys ──
  get: (key: string) => Promise<string | null>;
  /** Reads a key WITHOUT the prefix (TickStockPL's `tickstock:producer:heartbeat`). */
  getRaw: (key: string) => Promise<string | null>;
  set: (key: string, value: string, opts?: { ttlMs?: number }) => Promise<void>;
  /** Resolves true when the key existed. */
  del: (key: string) => Promise<boolean>;
  /** Atomic +1 (a missing key counts from 0); the fencing token of a lease is one. */
  incr: (key: string) => Promise<number>;
  /** Sets the given fields (others stay); with ttlMs the whole hash expires. */
  hset: (key: string, fields: Record<string, string>, opts?: { ttlMs?: number }) => Promise<void>;
  /** All fields, {} for a missing key. */
  hgetall: (key: string) => Promise<Record<string, string>>;

  // ── leases (a leader lock; the caller adds a fencing token with incr) ──
  /** SET NX PX: true when the lease was free and is now owner's (false if anyone holds it, owner included). */
  acquireLease: (key: string, owner: string, ttlMs: number) => Promise<boolean>;
  /** Extends the lease only if owner still holds it; false means it was lost. */
  renewLease: (key: string, owner: string, ttlMs: number) => Promise<boolean>;
  /** Deletes the lease only if owner holds it. */
  releaseLease: (key: string, owner: string) => Promise<boolean>;
  /**
   * XADD only while `owner` holds the lease at `leaseKey`, checked and appended in one atomic
   * step (fencing): a paused ex-leader that wakes up after its lease passed on cannot append.
   * Resolves with the new id, or null when the lease is not owner's.
   */
  appendFenced: (
    stream: string,
    fields: Record<string, string>,
    opts: { leaseKey: string; owner: string; maxLen?: number },
  ) => Promise<string | null>;
  /**
   * appendFenced for several entries in one atomic step and one round trip: the lease is checked
   * once, then each entry is appended in order. Resolves with the new ids in that order, or null
   * when the lease is not owner's (then nothing was appended). An empty batch resolves [] at once.
   */
  appendFencedBatch: (
    stream: string,
    entries: readonly Record<string, string>[],
    opts: { leaseKey: string; owner: string; maxLen?: number },
  ) => Promise<string[] | null>;

  /** One round trip on the command connection (for readiness probes). */
  ping: () => Promise<void>;
  /** Ends every connection; waiting reads settle with [], subscriptions go not-ready. Idempotent. */
  close: () => Promise<void>;
};
