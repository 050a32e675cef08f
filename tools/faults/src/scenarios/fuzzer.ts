// Issue 7: a fuzzer publishes mutated payloads for 2 minutes → nothing crashes, every message is
// counted as accepted or rejected. The corpus is what the simulator publishes (`run formats`:
// every payload generation and the old junk; `run quick`); each fuzzed message is one of those,
// mutated (fuzz/mutate.ts). Held to: the ingest received every message and counted it exactly as
// the tap's decoder did (received = messages, accepted and rejected equal), every accepted event
// stored, no service exited or turned not-ready, the clients' streams whole, REST still answering.
import { ALL_CHANNELS } from '@tickstock/contracts';
import { waitFor } from '@tickstock/testing';
import { createRng, mutate, type Message } from '../fuzz/mutate';
import { readFrames } from '../harness/frames';
import { spawnMain } from '../harness/processes';
import { describeExit, type Service } from '../harness/services';
import { startSystem, type Servers } from '../harness/system';
import { startTap } from '../harness/tap';
import { checkClients, checkSentInFrames, checkStore, healthy, settled, type ScenarioContext } from './common';

const TICK_MS = 20;
const PROBE_EVERY_MS = 2_000;

export async function fuzzer(servers: Servers, ctx: ScenarioContext): Promise<void> {
  const { settings, report } = ctx;
  const sys = await startSystem(servers, 'fuzzer', { ingests: ['ingest'], fanouts: [{ name: 'fanout' }] });
  report.logs = () => sys.outputs();
  const tap = startTap(sys.raw, { keep: true });
  const corpus: Message[] = [];
  const recorder = sys.raw.subscribe(ALL_CHANNELS, (channel, text) => corpus.push({ channel, text }));
  try {
    const [ingest] = sys.ingests as [Service];
    const services = [ingest, ...sys.fanouts, sys.query];
    const pids = services.map((s) => s.pid);
    await waitFor(() => tap.ready() && recorder.isReady(), { what: 'the tap and the recorder to subscribe' });
    const clients = await sys.startClients(settings.clients, () => sys.fanouts[0]!.port);
    for (const scenario of ['formats', 'quick']) {
      const run = spawnMain(`simulator ${scenario}`, 'tools/simulator', {}, ['run', scenario, '--redis-url', servers.redis.url, '--seed', String(settings.seed)]);
      const exit = await run.exited;
      if (exit.code !== 0) throw new Error(`simulator run ${scenario} ended with ${describeExit(exit)}: ${run.output().slice(-1_000)}`);
    }
    await waitFor(() => tap.counts.messages === corpus.length, { what: 'the corpus seen by the tap' });
    await recorder.close();
    report.note(`corpus: ${corpus.length} messages from the simulator's formats and quick scenarios, ${new Set(corpus.map((m) => m.channel)).size} channels`);

    const rng = createRng(settings.seed);
    const started = Date.now();
    const end = started + settings.fuzzS * 1_000;
    let published = 0;
    let unheard = 0;
    let failedPublishes = 0;
    let attempted = 0;
    let nextProbe = started + PROBE_EVERY_MS;
    const trouble = new Map<string, number>();
    let probing: Promise<void> = Promise.resolve();
    while (Date.now() < end) {
      // Paced by the clock, not by the ticks: a late tick sends what fell due meanwhile.
      const due = Math.floor(((Date.now() - started) / 1_000) * settings.fuzzRate);
      const batch: Promise<void>[] = [];
      for (; attempted < due; attempted++) {
        const m = mutate(rng, rng.pick(corpus));
        batch.push(
          sys.raw.publish(m.channel, m.text).then(
            (receivers) => {
              published++;
              if (receivers < 2) unheard++; // the ingest and the tap subscribe: both must hear it
            },
            () => void failedPublishes++,
          ),
        );
      }
      await Promise.all(batch);
      if (Date.now() >= nextProbe) {
        nextProbe += PROBE_EVERY_MS;
        await probing;
        probing = Promise.all(services.map(healthy)).then((states) => {
          for (const s of states) if (s !== null) trouble.set(s, (trouble.get(s) ?? 0) + 1);
        });
      }
      await new Promise((r) => setTimeout(r, TICK_MS));
    }
    await probing;
    const seconds = (Date.now() - started) / 1_000;
    report.note(`fuzzer: ${published} mutated messages in ${seconds.toFixed(0)} s (${(published / seconds).toFixed(0)}/s, seed ${settings.seed}); ${failedPublishes} publishes failed, ${unheard} heard by fewer than the ingest and the tap`);
    report.check('every service stayed up and ready throughout', trouble.size === 0, [...trouble].map(([s, n]) => `${s} (${n}×)`).join(', '));
    const same = services.every((s, i) => s.alive() && s.pid === pids[i]);
    report.check('…and is the same process (nothing crashed)', same, services.map((s) => `${s.name} ${s.alive() ? 'alive' : 'exited'}`).join(', '));

    const drained = await settled(sys, 60_000).then(() => true, () => false);
    report.check('the events stream drained (no event PostgreSQL refuses forever)', drained);
    const metrics = await ingest.metrics();
    const received = metrics.sum('ingest_messages_received_total');
    const accepted = metrics.sum('ingest_events_accepted_total');
    const rejected = metrics.sum('ingest_messages_rejected_total');
    report.check('the ingest received every message published', received === corpus.length + published && unheard === 0 && failedPublishes === 0, `received ${received} of ${corpus.length} + ${published}`);
    report.check(
      'received = accepted + rejected: each message counted, as the decoder counts it',
      tap.counts.uncounted === 0 && accepted === tap.counts.accepted && rejected === tap.counts.rejected,
      `ingest: ${received} received, ${accepted} events accepted, ${rejected} rejected; tap: ${tap.counts.messages} messages, ${tap.counts.accepted} accepted, ${tap.counts.rejected} rejected, ${tap.counts.uncounted} neither`,
    );
    report.loss('messages counted neither accepted nor rejected', tap.counts.uncounted);
    for (const m of tap.samples.uncounted) report.note(`counted neither way: ${m.channel} ${JSON.stringify(m.text)}`);
    report.note(`ingest_persistence_errors_total ${metrics.sum('ingest_persistence_errors_total')}; rejections by reason: ${topReasons(metrics.samples)}`);

    const rest = await Promise.all(['/streaming/api/status', '/streaming/api/alerts?hours=24', '/streaming/api/summary?hours=24', '/streaming/api/patterns/NVDA?hours=24', '/streaming/api/indicators/NVDA?hours=24'].map(async (p) => `${p} ${await sys.rest(p)}`));
    report.check('the REST API still answers 200 over the stored fuzz', rest.every((r) => r.endsWith(' 200')), rest.filter((r) => !r.endsWith(' 200')).join(', '));
    const badEntries = (await sys.fanouts[0]!.metrics()).sum('fanout_stream_bad_entries_total');
    report.check('the fanout read every frame (fanout_stream_bad_entries_total 0)', badEntries === 0, String(badEntries));

    const frames = await readFrames(sys.bus);
    checkSentInFrames(ctx, metrics, frames);
    await checkStore(ctx, sys, tap.expectedKeys(), { receiptTimed: tap.messages.flatMap((m) => m.receiptTimed.map((key) => ({ key, at: m.at }))) });
    await checkClients(ctx, clients, frames, { resyncAllowed: false });
  } finally {
    await recorder.close().catch(() => undefined);
    await tap.close();
    await sys.close();
  }
}

function topReasons(samples: readonly { name: string; labels: Record<string, string>; value: number }[]): string {
  const by = new Map<string, number>();
  for (const s of samples) if (s.name === 'ingest_messages_rejected_total') by.set(s.labels.reason ?? '?', (by.get(s.labels.reason ?? '?') ?? 0) + s.value);
  return [...by].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([r, n]) => `${r} ${n}`).join(', ');
}
