// Real pods (child processes on one Redis): clients on each receive the same frames in the same
// order; on SIGTERM a pod turns not-ready, refuses new sockets, closes its sockets with 1001 in
// batches over the drain period and exits, and its clients resume on the other pod without a gap.
import { SERVICE_KEYS } from '@tickstock/contracts';
import { createRedisBus, type Bus } from '@tickstock/bus';
import { startRedis, uniquePrefix, waitFor, type TestRedis } from '@tickstock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppender } from './helpers/frames';
import { startPod, type PodProcess } from './helpers/pod-process';
import { ticket } from './helpers/tickets';
import { connect, upgradeStatus, type TestClient } from './helpers/ws-client';

let redis: TestRedis;
let bus: Bus;
let podA: PodProcess;
let podB: PodProcess;

beforeAll(async () => {
  redis = await startRedis();
  const prefix = uniquePrefix(import.meta.filename);
  bus = createRedisBus({ url: redis.url, prefix });
  [podA, podB] = await Promise.all([startPod(redis.url, prefix, { FANOUT_DRAIN_MS: '3000' }), startPod(redis.url, prefix)]);
}, 60_000);

afterAll(async () => {
  await podA?.stop();
  await podB?.stop();
  await bus?.close();
  await redis?.stop();
});

const streamIdsAfter = async (since: string) => (await bus.range(SERVICE_KEYS.framesStream, since, 100_000)).map((e) => e.id);

describe('two pods', () => {
  it('give their clients the same frames in the same order', async () => {
    const clients = await Promise.all([podA, podA, podB, podB].map(async (pod) => connect(pod.port, await ticket())));
    await Promise.all(clients.map((c) => c.sync()));
    const appender = startAppender(bus, 3);
    await waitFor(() => appender.ids.length >= 150, { what: '150 frames appended' });
    const ids = await appender.stop();
    await Promise.all(clients.map((c) => c.until((f) => f.filter((x) => x.seq).length === ids.length, 'every frame')));
    const [first, ...others] = clients.map((c) => c.frames.filter((x) => x.seq));
    expect(first!.map((f) => f.seq)).toEqual(ids);
    for (const other of others) expect(other).toEqual(first);
    await Promise.all(clients.map((c) => c.close()));
  }, 30_000);
});

describe('SIGTERM drain', () => {
  it('closes sockets with 1001 over the drain period; they resume on the other pod without a gap', async () => {
    const tickets = await Promise.all(Array.from({ length: 20 }, () => ticket()));
    const onA = await Promise.all(tickets.slice(0, 10).map((t) => connect(podA.port, t)));
    await Promise.all(onA.map((c) => c.sync())).catch((err: Error) => {
      const states = onA.map((c, i) => ({ i, events: c.frames.map((f) => f.event), end: c.closeInfo() }));
      throw new Error(`${err.message}\nclients: ${JSON.stringify(states)}\npod A log:\n${podA.output().slice(-4000)}`);
    });
    const appender = startAppender(bus, 5);
    await waitFor(() => appender.ids.length >= 20 && onA.every((c) => c.lastSeq() !== undefined), { what: 'frames flowing' });
    const firstSeqs = onA.map((c) => c.seqs()[0]!);

    // Each client reconnects to B as soon as A closes it, and resumes from the last seq it has.
    const closes: { at: number; code: number }[] = [];
    const roamed: Promise<TestClient>[] = onA.map((c, i) =>
      c.closed.then(async ({ code }) => {
        closes.push({ at: Date.now(), code });
        const next = await connect(podB.port, tickets[10 + i]!);
        next.send({ op: 'resume', since: c.lastSeq()! });
        return next;
      }),
    );
    podA.proc.kill('SIGTERM');
    await waitFor(async () => (await podA.readyz()) === 503, { what: 'pod A not ready', timeoutMs: 10_000 });
    expect(await upgradeStatus(podA.port, await ticket())).toBe(503);

    const onB = await Promise.all(roamed);
    expect(await podA.exited).toBe(0);
    const ids = await appender.stop();
    const last = ids.at(-1)!;
    await Promise.all(onB.map((c) => c.until((f) => f.some((x) => x.seq === last), 'the last frame on B', 15_000))).catch((err: Error) => {
      const states = onB.map((c, i) => ({ i, since: onA[i]!.lastSeq(), got: c.seqs().length, events: c.frames.slice(0, 3).map((f) => f.event), end: c.closeInfo() }));
      throw new Error(`${err.message}\nclients: ${JSON.stringify(states)}\nlast: ${last}\npod B log:\n${podB.output().slice(-3000)}`);
    });

    expect(closes.map((c) => c.code)).toEqual(Array(10).fill(1001));
    // Spread over the 3 s drain period, not all at once.
    const times = closes.map((c) => c.at);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(1_500);
    for (const [i, client] of onA.entries()) {
      const seen = [...client.seqs(), ...onB[i]!.seqs()];
      expect(seen).toEqual([firstSeqs[i], ...(await streamIdsAfter(firstSeqs[i]!))]);
    }
    await Promise.all(onB.map((c) => c.close()));
  }, 60_000);
});
