// Issue 7: Redis stopped for 10 s and restarted → every service recovers without restart,
// clients resume. The suite's Redis keeps an AOF (as compose runs it), so the frames and events
// streams come back: connected clients must continue with no gap, and every event accepted
// before or after the outage must be stored. What the contract lets go: what TickStockPL
// published while Redis was down (its publishes fail; pub/sub keeps nothing).
import { SERVICE_KEYS } from '@tickstock/contracts';
import { waitFor } from '@tickstock/testing';
import { readFrames } from '../harness/frames';
import { startLoad } from '../harness/simulator';
import { startSystem, type Servers } from '../harness/system';
import { startTap, type TappedMessage } from '../harness/tap';
import { checkClients, checkSentInFrames, checkStore, framesFlowing, seconds, settled, waitNotReady, waitReady, type ScenarioContext } from './common';

export async function redisOutage(servers: Servers, ctx: ScenarioContext): Promise<void> {
  const { settings, report } = ctx;
  const { redis } = servers;
  if (!redis.stopServer || !redis.startServer) throw new Error('the suite needs a Redis of its own to stop');
  const sys = await startSystem(servers, 'redis-outage', { ingests: ['ingest'], fanouts: [{ name: 'fanout' }] });
  report.logs = () => sys.outputs();
  const tap = startTap(sys.raw, { keep: true });
  try {
    const services = [...sys.ingests, ...sys.fanouts, sys.query];
    const pids = services.map((s) => s.pid);
    await waitFor(() => tap.ready(), { what: 'the tap to subscribe' });
    const clients = await sys.startClients(settings.clients, () => sys.fanouts[0]!.port);
    const sim = startLoad({ redisUrl: redis.url, rate: settings.loadRate, symbols: settings.symbols, durationS: 3_600, seed: settings.seed });
    await framesFlowing(sys, 40, 'frames before the outage');

    const fence = Number(await sys.bus.get(SERVICE_KEYS.ingestFence));
    await redis.stopServer();
    const downAt = Date.now();
    // Each says so: /readyz 503 while Redis is away (CONTRACT.md, "Processes").
    const notReady = await Promise.all(services.map((s) => waitNotReady(s, 10_000).then((ms) => `${s.name} ${seconds(ms)}`, () => `${s.name} never`)));
    report.check('every service turned not-ready while Redis was down', !notReady.some((x) => x.endsWith('never')), notReady.join(', '));
    const upAfter = downAt + settings.redisDownS * 1_000 - Date.now();
    if (upAfter > 0) await new Promise((r) => setTimeout(r, upAfter)); // the outage's length is the fault itself
    await redis.startServer();
    const upAt = Date.now();

    const recoveredMs = await waitReady(services, 30_000, 'every service ready again').catch(() => NaN);
    report.check('every service ready again after Redis returned', Number.isFinite(recoveredMs), `after ${seconds(recoveredMs)}`);
    const samePids = services.every((s, i) => s.alive() && s.pid === pids[i]);
    report.check('…without a restart (same processes)', samePids, services.map((s) => `${s.name} pid ${s.pid}${s.alive() ? '' : ' exited'}`).join(', '));
    await waitFor(async () => (await sys.bus.get(SERVICE_KEYS.ingestLeaderLease)) === 'ingest', { timeoutMs: 15_000, what: 'the ingest to lead again' });
    await framesFlowing(sys, 40, 'frames after the outage');
    const resumed = Date.now();
    const summary = await sim.stop();
    await settled(sys);

    const frames = await readFrames(sys.bus);
    const firstAfter = frames.find((f) => f.ms >= upAt);
    report.note(`simulator: ${summary.messages} messages published, ${summary.failed} refused while Redis was down; ${frames.length} frames`);
    report.check('frames flow again after the restart', firstAfter !== undefined, firstAfter ? `first ${seconds(firstAfter.ms - upAt)} after Redis was back` : 'none');
    report.loss('producer publishes refused while Redis was down', summary.failed, 'pub/sub: nothing published while Redis is down reaches anyone (infra/k8s/README.md, "Redis in production")');
    const reconnected = clients.filter((c) => c.sockets.length > 1).length;
    report.note(`${reconnected} of ${clients.length} clients had to reconnect; ${resumed - upAt} ms from Redis back to 40 new frames`);

    // Until the ingest is subscribed again and has taken the lapsed lease again (its first frame
    // of a new term), what TickStockPL publishes is not handled.
    const reled = frames.find((f) => f.fence > fence);
    const reledAt = reled?.ms ?? Infinity;
    report.note(`the ingest led again ${reled ? seconds(reled.ms - upAt) : 'never'} after Redis was back; it counted ${(await sys.ingests[0]!.metrics()).sum('ingest_messages_standby_total')} messages as standby`);
    const metrics = await sys.ingests[0]!.metrics();
    report.note(`ingest_events_persist_lost_total ${metrics.sum('ingest_events_persist_lost_total')}`);
    checkSentInFrames(ctx, metrics, frames);
    const diff = await checkStore(ctx, sys, tap.expectedKeys(), {
      excuses: [
        {
          what: 'events published before the ingest was back (subscribed and leading)',
          keys: tap.expectedKeys((m) => m.at >= upAt && m.at <= reledAt),
          why: 'pub/sub keeps nothing for a subscriber not yet back, and a standby (the lease lapsed with Redis) does not handle messages (apps/ingest/README.md, "Replicas")',
        },
      ],
      tapBlind: tap.blind,
    });
    if (diff.missing.length) report.note(`missing rows come from messages that arrived ${arrivals(tap.messages, new Set(diff.missing), downAt, upAt)}`);
    await checkClients(ctx, clients, frames, { resyncAllowed: false });
  } finally {
    await tap.close();
    await sys.close();
  }
}

/** When the messages behind the given keys arrived, relative to the outage. */
function arrivals(messages: readonly TappedMessage[], keys: ReadonlySet<string>, downAt: number, upAt: number): string {
  const times = messages.filter((m) => m.keys.some((k) => keys.has(k))).map((m) => m.at);
  if (times.length === 0) return 'never (not seen by the tap)';
  const rel = (t: number) => (t < upAt ? `${seconds(t - downAt)} from the stop` : `${seconds(t - upAt)} after the restart`);
  return `${rel(Math.min(...times))} .. ${rel(Math.max(...times))} (${times.length} messages)`;
}
