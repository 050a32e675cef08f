// Issue 7: ingest leader `kill -9` → the standby publishes within 3 s; no frame duplicated; the
// gap is reported in metrics. What the contract lets go: messages published while nobody led
// (pub/sub keeps nothing; apps/ingest/README.md, "Replicas") — and only those.
import { SERVICE_KEYS } from '@tickstock/contracts';
import { waitFor } from '@tickstock/testing';
import { duplicatedItems, readFrames } from '../harness/frames';
import { startLoad } from '../harness/simulator';
import { startSystem, type Servers } from '../harness/system';
import { startTap } from '../harness/tap';
import { checkClients, checkStore, framesFlowing, seconds, settled, type ScenarioContext } from './common';

/** a's last events reach the events stream in batches every 50 ms (apps/ingest/src/out/event-log.ts). */
const EVENT_LOG_INTERVAL_MS = 50;

export async function leaderKill(servers: Servers, ctx: ScenarioContext): Promise<void> {
  const { settings, report } = ctx;
  const sys = await startSystem(servers, 'leader-kill', { ingests: ['ingest-a', 'ingest-b'], fanouts: [{ name: 'fanout' }] });
  report.logs = () => sys.outputs();
  const tap = startTap(sys.raw, { keep: true });
  try {
    const [a, b] = sys.ingests as [(typeof sys.ingests)[0], (typeof sys.ingests)[0]];
    await waitFor(() => tap.ready(), { what: 'the tap to subscribe' });
    await waitFor(async () => (await sys.bus.get(SERVICE_KEYS.ingestLeaderLease)) === a.name, { what: 'ingest-a to lead' });
    const clients = await sys.startClients(settings.clients, () => sys.fanouts[0]!.port);
    const sim = startLoad({ redisUrl: servers.redis.url, rate: settings.loadRate, symbols: settings.symbols, durationS: 3_600, seed: settings.seed });
    await framesFlowing(sys, 100, 'frames from ingest-a');

    const fenceA = Number(await sys.bus.get(SERVICE_KEYS.ingestFence));
    const before = (await sys.bus.streamInfo(SERVICE_KEYS.framesStream)).lastId ?? '0';
    a.proc.kill('SIGKILL');
    const killedAt = Date.now();
    const firstNew = await waitFor(async () => (await readFrames(sys.bus, before)).find((f) => f.fence > fenceA), {
      timeoutMs: 20_000,
      intervalMs: 20,
      what: 'a frame from the new leader',
    });
    const takeoverMs = firstNew.ms - killedAt;
    await framesFlowing(sys, 100, 'frames from ingest-b');
    const summary = await sim.stop();
    await settled(sys);

    const frames = await readFrames(sys.bus);
    const lastOld = frames.filter((f) => f.fence <= fenceA).at(-1);
    const streamGapMs = lastOld ? firstNew.ms - lastOld.ms : NaN;
    report.note(`simulator: ${summary.messages} messages at ${settings.loadRate} events/s, ${summary.failed} failed; ${frames.length} frames`);
    report.check(`the standby published within ${settings.takeoverLimitMs / 1000} s of kill -9`, takeoverMs <= settings.takeoverLimitMs, `first frame of ingest-b ${seconds(takeoverMs)} after the kill`);
    report.check('ingest-b holds the lease', (await sys.bus.get(SERVICE_KEYS.ingestLeaderLease)) === b.name);
    const stale = frames.slice(frames.findIndex((f) => f.id === firstNew.id)).filter((f) => f.fence <= fenceA).length;
    report.check('no frame of the old term after the new one began (fencing)', stale === 0, `${stale} stale`);

    const dupes = duplicatedItems(frames, tap.allowedItems());
    report.loss('frames duplicated (items sent more often than produced)', dupes.length);
    if (dupes.length) report.note(`e.g. ${dupes.slice(0, 3).map((d) => `${d.id} in ${d.frames} frames`).join(', ')}`);

    const metrics = await b.metrics();
    const gapCount = metrics.sum('ingest_leader_gap_seconds_count');
    const gapSum = metrics.sum('ingest_leader_gap_seconds_sum');
    report.check(
      'the new leader reports the gap in ingest_leader_gap_seconds',
      gapCount >= 1 && gapSum > 0 && gapSum * 1000 <= streamGapMs + 50,
      `count ${gapCount}, ${gapSum.toFixed(2)} s reported; ${seconds(streamGapMs)} between the last frame of a and the first of b in the stream`,
    );

    // Lost: what arrived while nobody led (from a's last events-log batch to b's first frame).
    const windowFrom = killedAt - 2 * EVENT_LOG_INTERVAL_MS;
    const inWindow = tap.expectedKeys((m) => m.at >= windowFrom && m.at <= firstNew.ms);
    const lostMessages = tap.messages.filter((m) => m.at >= windowFrom && m.at <= firstNew.ms).length;
    report.note(`${lostMessages} messages arrived between ${seconds(killedAt - windowFrom)} before the kill and the new leader's first frame`);
    await checkStore(ctx, sys, tap.expectedKeys(), {
      excuses: [{ what: 'events lost while no ingest led', keys: inWindow, why: 'published while no ingest led — pub/sub keeps nothing (apps/ingest/README.md, "Replicas")' }],
    });
    await checkClients(ctx, clients, frames, { resyncAllowed: false });
  } finally {
    await tap.close();
    await sys.close();
  }
}
