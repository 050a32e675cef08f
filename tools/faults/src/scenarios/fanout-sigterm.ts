// Issue 7: a fanout pod SIGTERMed → its clients reconnect to the other pod and resume without a
// gap. The pod drains (readyz 503, new sockets refused, sockets closed with 1001 over
// FANOUT_DRAIN_MS) and exits 0; each client takes a new ticket, connects to the other pod and
// sends `resume` from its last seq. The contract lets nothing go here: the stream covers it all.
import { waitFor } from '@tickstock/testing';
import { readFrames } from '../harness/frames';
import { startLoad } from '../harness/simulator';
import { describeExit } from '../harness/services';
import { startSystem, type Servers } from '../harness/system';
import { checkClients, checkSentInFrames, framesFlowing, seconds, settled, waitNotReady, type ScenarioContext } from './common';

export async function fanoutSigterm(servers: Servers, ctx: ScenarioContext): Promise<void> {
  const { settings, report } = ctx;
  const drainMs = settings.fanoutDrainMs;
  const sys = await startSystem(servers, 'fanout-sigterm', { ingests: ['ingest'], fanouts: [{ name: 'fanout-a', env: { FANOUT_DRAIN_MS: String(drainMs) } }, { name: 'fanout-b' }] });
  report.logs = () => sys.outputs();
  try {
    const [a, b] = sys.fanouts as [(typeof sys.fanouts)[0], (typeof sys.fanouts)[0]];
    // A load balancer's choice: pod A while it is ready, then pod B.
    let aDraining = false;
    const pick = () => (aDraining ? b.port : a.port);
    const onA = await sys.startClients(settings.clients * 2, pick, 'on-a');
    const onB = await sys.startClients(settings.clients, () => b.port, 'on-b');
    const sim = startLoad({ redisUrl: servers.redis.url, rate: settings.loadRate, symbols: settings.symbols, durationS: 3_600, seed: settings.seed });
    await framesFlowing(sys, 20, 'frames before the drain');
    await waitFor(() => onA.every((c) => c.lastSeq() !== undefined), { what: 'every client on A receiving' });

    a.proc.kill('SIGTERM');
    const termAt = Date.now();
    const notReady = await waitNotReady(a, 5_000).catch(() => NaN);
    aDraining = true;
    report.check('pod A turned not-ready at once', Number.isFinite(notReady), `after ${seconds(notReady)}`);
    const exit = await Promise.race([a.exited, new Promise<null>((r) => setTimeout(() => r(null), drainMs + 20_000))]);
    report.check('pod A exited 0 after its drain', exit !== null && exit.code === 0, exit ? `${describeExit(exit)} after ${seconds(Date.now() - termAt)}` : 'still running');
    await waitFor(() => onA.every((c) => c.sockets.length >= 2 && c.connected()), { timeoutMs: 20_000, what: 'every client of A to be on B' }).catch(() => undefined);
    const moved = onA.filter((c) => c.sockets.length >= 2 && c.sockets.at(-1)!.port === b.port && c.connected()).length;
    report.check('every client of A reconnected to B', moved === onA.length, `${moved} of ${onA.length}`);
    const codes = onA.map((c) => c.sockets[0]?.closeCode);
    report.check('A closed its sockets with 1001 (going away)', codes.every((c) => c === 1001), [...new Set(codes)].join(', '));
    const closedAt = onA.map((c) => c.sockets[0]?.closedAt ?? termAt);
    report.note(`A's sockets closed over ${seconds(Math.max(...closedAt) - Math.min(...closedAt))} (FANOUT_DRAIN_MS ${drainMs}); ${onA.reduce((n, c) => n + c.failures.length, 0)} reconnect attempts refused meanwhile`);
    report.check("B's own clients were not disturbed", onB.every((c) => c.sockets.length === 1 && c.connected()));

    await framesFlowing(sys, 20, 'frames after the drain');
    const summary = await sim.stop();
    await settled(sys);
    const frames = await readFrames(sys.bus);
    report.note(`simulator: ${summary.messages} messages, ${summary.failed} failed; ${frames.length} frames`);
    checkSentInFrames(ctx, await sys.ingests[0]!.metrics(), frames);
    await checkClients(ctx, [...onA, ...onB], frames, { resyncAllowed: false });
  } finally {
    await sys.close();
  }
}
