// Issue 7: PostgreSQL stopped for 30 s under 1,000 events/s → after it returns, every accepted
// event is stored exactly once. Meanwhile live streaming goes on (the ingest and the fanout do not
// need the database), the query answers 503 and comes back by itself. The contract lets nothing
// go here: accepted events wait in the events stream (apps/ingest/README.md, "Storage").
import { waitFor } from '@tickstock/testing';
import { readFrames } from '../harness/frames';
import { startLoad } from '../harness/simulator';
import { startSystem, type Servers } from '../harness/system';
import { startTap } from '../harness/tap';
import { checkClients, checkSentInFrames, checkStore, framesFlowing, healthy, seconds, settled, waitNotReady, type ScenarioContext } from './common';

const WARM_S = 8;
const AFTER_S = 10;
const SYMBOLS = 500;

export async function postgresOutage(servers: Servers, ctx: ScenarioContext): Promise<void> {
  const { settings, report } = ctx;
  const { postgres } = servers;
  if (!postgres.stopServer || !postgres.startServer) throw new Error('the suite needs a PostgreSQL of its own to stop');
  const sys = await startSystem(servers, 'postgres-outage', { ingests: ['ingest'], fanouts: [{ name: 'fanout' }] });
  report.logs = () => sys.outputs();
  const tap = startTap(sys.raw, { keep: true });
  let up = true;
  try {
    const [ingest] = sys.ingests as [(typeof sys.ingests)[0]];
    await waitFor(() => tap.ready(), { what: 'the tap to subscribe' });
    const clients = await sys.startClients(settings.clients, () => sys.fanouts[0]!.port);
    const durationS = WARM_S + settings.postgresDownS + AFTER_S;
    const sim = startLoad({ redisUrl: servers.redis.url, rate: settings.postgresRate, symbols: SYMBOLS, durationS, seed: settings.seed });
    await framesFlowing(sys, 20, 'frames under load');
    await waitFor(async () => (await ingest.metrics()).sum('ingest_events_persisted_total') > 0, { timeoutMs: 15_000, what: 'rows being stored' });

    await postgres.stopServer();
    up = false;
    const downAt = Date.now();
    await waitFor(async () => (await ingest.metrics()).sum('ingest_persistence_errors_total') > 0, { timeoutMs: 15_000, what: 'the store writer to notice' });
    const queryDown = await waitNotReady(sys.query, 10_000).then((ms) => ms, () => NaN);
    report.check('the query service turned not-ready (database down)', Number.isFinite(queryDown), `after ${seconds(queryDown)}`);
    const restCode = await sys.rest('/streaming/api/patterns/AAPL');
    report.check('…and its REST API answers 503 meanwhile', restCode === 503, `GET /streaming/api/patterns/AAPL → ${restCode}`);
    await framesFlowing(sys, 20, 'frames while PostgreSQL is down');
    const during = (await Promise.all([ingest, sys.fanouts[0]!].map(healthy))).filter((x) => x !== null);
    report.check('ingest and fanout stay ready and keep streaming while PostgreSQL is down', during.length === 0, during.join(', '));
    let maxBacklog = 0;
    while (Date.now() < downAt + settings.postgresDownS * 1_000) {
      // The outage's length is the fault itself; meanwhile watch the backlog grow.
      maxBacklog = Math.max(maxBacklog, (await ingest.metrics()).sum('ingest_persistence_backlog_entries'));
      await new Promise((r) => setTimeout(r, Math.min(2_000, downAt + settings.postgresDownS * 1_000 - Date.now())));
    }
    await postgres.startServer();
    up = true;
    const upAt = Date.now();

    const queryBack = await waitFor(async () => (await sys.query.readyz()) === 200, { timeoutMs: 30_000, intervalMs: 100, what: 'the query ready again' }).then(() => Date.now() - upAt, () => NaN);
    report.check('the query service is ready again by itself', Number.isFinite(queryBack) && (await sys.rest('/streaming/api/patterns/AAPL')) === 200, `after ${seconds(queryBack)}`);
    const summary = await sim.finished;
    const storedAfter = Date.now();
    await settled(sys, 180_000);
    const drainedMs = Date.now() - upAt;
    const metrics = await ingest.metrics();
    report.note(
      `simulator: ${summary.messages} messages, ${summary.eventsPerSecond.toFixed(0)} events/s achieved of ${settings.postgresRate}, ${summary.failed} failed; backlog peaked at ≥ ${maxBacklog} entries; drained ${seconds(drainedMs)} after PostgreSQL returned (${seconds(Date.now() - storedAfter)} after the load ended)`,
    );
    report.check('the producer ran at the asked rate', summary.failed === 0 && summary.eventsPerSecond >= settings.postgresRate * 0.95, `${summary.eventsPerSecond.toFixed(0)} events/s`);
    const accepted = metrics.sum('ingest_events_accepted_total');
    const rejected = metrics.sum('ingest_messages_rejected_total');
    report.check('the ingest accepted what the tap decoded (it missed no message)', accepted === tap.counts.accepted && rejected === tap.counts.rejected, `ingest ${accepted} accepted / ${rejected} rejected, tap ${tap.counts.accepted} / ${tap.counts.rejected}`);
    report.loss('events trimmed before they were stored (ingest_events_persist_lost_total)', metrics.sum('ingest_events_persist_lost_total'));
    report.note(`ingest_persistence_errors_total ${metrics.sum('ingest_persistence_errors_total')} (retried); ingest_events_persisted_total ${metrics.sum('ingest_events_persisted_total')}`);

    const frames = await readFrames(sys.bus);
    checkSentInFrames(ctx, metrics, frames);
    await checkStore(ctx, sys, tap.expectedKeys());
    await checkClients(ctx, clients, frames, { resyncAllowed: false });
  } finally {
    if (!up) await postgres.startServer().catch(() => undefined);
    await tap.close();
    await sys.close();
  }
}
