// What every scenario does around its fault: wait for traffic, let the system settle, hold the
// clients to the frames stream and PostgreSQL to the tap, and write it all into the report.
import { SERVICE_KEYS } from '@tickstock/contracts';
import { waitFor } from '@tickstock/testing';
import type { CountingClient } from '../harness/clients';
import { frameItemIds, readFrames, type StreamFrame } from '../harness/frames';
import type { Metrics } from '../harness/metrics';
import { checkSequence, sumReports } from '../harness/sequence';
import type { Service } from '../harness/services';
import { diffKeys, storedKeys, type StoreDiff } from '../harness/store-check';
import type { System } from '../harness/system';
import type { ScenarioReport } from '../report';
import type { Settings } from '../settings';

export type ScenarioContext = { settings: Settings; report: ScenarioReport };

/** Resolves once the frames stream has grown by `count` entries after `after` (its length then). */
export async function framesFlowing(sys: System, count: number, what: string, timeoutMs = 30_000): Promise<void> {
  const start = (await sys.bus.streamInfo(SERVICE_KEYS.framesStream)).length;
  await waitFor(async () => (await sys.bus.streamInfo(SERVICE_KEYS.framesStream)).length >= start + count, { timeoutMs, intervalMs: 100, what });
}

/**
 * After the producer stopped: the frames stream has taken its last frame (no new entry for a
 * second: the buffer flushes every 250 ms) and the events stream is empty (all stored).
 */
export async function settled(sys: System, timeoutMs = 120_000): Promise<void> {
  let last: string | null = null;
  let since = Date.now();
  await waitFor(
    async () => {
      const frames = await sys.bus.streamInfo(SERVICE_KEYS.framesStream);
      const events = await sys.bus.streamInfo(SERVICE_KEYS.eventsStream);
      if (frames.lastId !== last) {
        last = frames.lastId;
        since = Date.now();
      }
      return Date.now() - since >= 1_000 && events.length === 0;
    },
    { timeoutMs, intervalMs: 200, what: 'the frames stream to go quiet and the events stream to drain' },
  );
}

/** Every client must get to the stream's last frame; then each is held to the stream. */
export async function checkClients(ctx: ScenarioContext, clients: readonly CountingClient[], frames: readonly StreamFrame[], opts: { resyncAllowed: boolean }): Promise<void> {
  const { report } = ctx;
  const lastId = frames.at(-1)?.id;
  if (lastId) {
    const late = await Promise.all(clients.map((c) => c.reached(lastId, 20_000).then(() => null, () => `${c.name} (at ${c.lastSeq() ?? 'nothing'})`)));
    const behind = late.filter((x) => x !== null);
    report.check('every client received the last frame of the stream', behind.length === 0, behind.length ? `not: ${behind.join(', ')}` : `${lastId}`);
  }
  const ids = frames.map((f) => f.id);
  const each = clients.map((c) => checkSequence(c.log(), ids));
  const total = sumReports(each);
  const topics = Object.entries(total.perTopic)
    .map(([t, v]) => `${t} ${v.frames}${v.notIncreasing ? ` (${v.notIncreasing} not increasing)` : ''}`)
    .join(', ');
  report.note(`${clients.length} clients received ${total.received} frames of ${total.expected} expected (${topics})`);
  report.loss('client frames missing', total.missing);
  report.loss('client frames duplicated', total.duplicates);
  report.loss('client frames out of order', total.outOfOrder + total.unknown + Object.values(total.perTopic).reduce((n, t) => n + t.notIncreasing, 0));
  report.loss('frames skipped after resync_required', total.skippedByResync, opts.resyncAllowed ? 'CONTRACT.md: resync_required — history no longer covers `since`' : null);
  const errors = clients.flatMap((c) => c.errors().map((e) => `${c.name}: ${e}`));
  report.check('no client saw an error frame or gave up reconnecting', errors.length === 0, errors.slice(0, 3).join('; '));
}

/** How far apart the tap and the ingest may receive one message (each times such events by its own receipt; a busy ingest lags). */
const RECEIPT_SLACK_MS = 2_000;

/** Missing rows the contract lets go: the accepted events behind `keys` (a fault window). */
export type Excuse = { what: string; keys: ReadonlySet<string>; why: string | null; knownBug?: string };

/**
 * PostgreSQL against the tap: every accepted event stored (once: ids are primary keys), nothing
 * else. Missing rows in an excuse's keys are reported under it; rows the tap never saw are
 * explained only when the producer made them while the tap itself was not subscribed.
 */
export async function checkStore(
  ctx: ScenarioContext,
  sys: System,
  expected: ReadonlySet<string>,
  opts: { excuses?: Excuse[]; tapBlind?: { from: number; to: number }[]; receiptTimed?: readonly { key: string; at: number }[] } = {},
): Promise<StoreDiff> {
  const { report } = ctx;
  const diff = diffKeys(expected, await storedKeys(sys.database.url));
  report.note(`PostgreSQL holds ${diff.stored} rows for ${diff.expected} distinct accepted events`);
  let missing = diff.missing;
  for (const excuse of opts.excuses ?? []) {
    const mine = missing.filter((k) => excuse.keys.has(k));
    missing = missing.filter((k) => !excuse.keys.has(k));
    report.loss(excuse.what, mine.length, excuse.why, excuse.knownBug);
  }
  // Events timed by their receipt have ids the tap cannot know (the ingest received them a few
  // ms apart, and two such events may share an id on one side only): such a missing event is
  // accounted for by an unexpected row of its table made within RECEIPT_SLACK_MS of its arrival,
  // and such a row by such an event.
  const timed = opts.receiptTimed ?? [];
  const tableOf = (key: string) => key.slice(0, key.indexOf(':'));
  const near = (table: string, at: number) => (t: { key: string; at: number }) => tableOf(t.key) === table && Math.abs(t.at - at) <= RECEIPT_SLACK_MS;
  const timedKeys = new Set(timed.map((t) => t.key));
  const timedMissing = missing.filter((k) => timedKeys.has(k));
  missing = missing.filter((k) => !timedKeys.has(k));
  report.loss('accepted events not stored', missing.length);
  if (missing.length) report.note(`e.g. not stored: ${missing.slice(0, 3).join(', ')}`);
  const blind = (at: number) => (opts.tapBlind ?? []).some((w) => at >= w.from - 1_000 && at <= w.to + 100);
  const unseen = diff.unexpected.filter((u) => blind(u.at));
  const rest = diff.unexpected.filter((u) => !blind(u.at));
  if (unseen.length) report.note(`${unseen.length} rows were made while the tap itself was not subscribed (stored; not counted above)`);
  const unexpected = rest.filter((u) => !timed.some(near(tableOf(u.key), u.at)));
  const explained = rest.length - unexpected.length;
  const unaccounted = timedMissing.filter((k) => !timed.filter((t) => t.key === k).some((t) => rest.some(near(tableOf(k), t.at))));
  if (timed.length) report.note(`${timed.length} events were timed by their receipt (their ids differ between the tap and the ingest): ${timedMissing.length} of them under another id, matched by ${explained} rows made at their arrival`);
  report.loss('receipt-timed events not stored', unaccounted.length);
  report.loss('rows stored that were never accepted', unexpected.length);
  if (unexpected.length) report.note(`e.g. unexpected: ${unexpected.slice(0, 3).map((u) => `${u.key} @${new Date(u.at).toISOString()}`).join(', ')}`);
  return diff;
}

/**
 * The ingest's own accounting against the frames stream: every event it counted as sent
 * (ingest_events_sent_total) is an item of a frame in the stream, unless it counted the frame as
 * not taken (ingest_events_unsent_total: fenced, or failed while Redis was away); no frame holds more.
 */
export function checkSentInFrames(ctx: ScenarioContext, metrics: Metrics, frames: readonly StreamFrame[]): void {
  const sent = metrics.sum('ingest_events_sent_total');
  const unsent = metrics.sum('ingest_events_unsent_total');
  const items = frames.reduce((n, f) => n + frameItemIds(f.frame).length, 0);
  ctx.report.note(`the ingest counted ${sent} events as sent, ${unsent} of them in frames the stream did not take; the frames stream holds ${items} items in ${frames.length} frames`);
  ctx.report.loss(
    'events in frames the stream did not take (counted in ingest_events_unsent_total)',
    unsent,
    'their appends were fenced (the lease had moved on) or failed (Redis was away); the metric counts them',
  );
  ctx.report.loss('events counted as sent that are in no frame and not counted as unsent', Math.max(0, sent - unsent - items));
  ctx.report.check('no frame item the ingest did not count as sent', items <= sent, `${items} items, ${sent} sent`);
}

/** A service that has not exited and answers /readyz 200, or why not. */
export async function healthy(s: Service): Promise<string | null> {
  if (!s.alive()) return `${s.name} exited`;
  const code = await s.readyz();
  return code === 200 ? null : `${s.name} /readyz ${code}`;
}

export async function waitReady(services: readonly Service[], timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  await waitFor(async () => (await Promise.all(services.map(healthy))).every((x) => x === null), { timeoutMs, intervalMs: 100, what });
  return Date.now() - started;
}

export async function waitNotReady(s: Service, timeoutMs: number): Promise<number> {
  const started = Date.now();
  await waitFor(async () => (await s.readyz()) === 503, { timeoutMs, intervalMs: 50, what: `${s.name} /readyz 503` });
  return Date.now() - started;
}

export async function allFrames(sys: System): Promise<StreamFrame[]> {
  return readFrames(sys.bus);
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
