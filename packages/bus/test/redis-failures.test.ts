// What the Redis engine does when Redis is missing, slow, crashes or forgets: the parts of the
// behaviour that only a real server (and its absence) can show.
import { freePort, startRedis, uniquePrefix, waitFor } from '@tickstock/testing';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createRedisBus, type Bus, type BusError, type RedisBusOptions } from '../src/index';

const redis = await startRedis();
afterAll(() => redis.stop());
const filePrefix = uniquePrefix('redis-failures');
let n = 0;

const open: Bus[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});
const bus = (o: Partial<RedisBusOptions> = {}) => {
  const b = createRedisBus({ url: redis.url, prefix: `${filePrefix}${++n}:`, ...o });
  open.push(b);
  return b;
};

describe('createRedisBus with no server listening', () => {
  it('rejects calls UNAVAILABLE, reports through onError, and never throws an unhandled error', async () => {
    const errors: BusError[] = [];
    const sut = bus({ url: `redis://127.0.0.1:${await freePort()}`, onError: (e) => errors.push(e) });
    const started = Date.now();
    await expect(sut.get('k')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(3_000);
    await waitFor(() => errors.length > 0);
    expect(errors.every((e) => e.code === 'UNAVAILABLE')).toBe(true);
  });

  it('a subscription stays not ready and a blocking read settles with [] at its deadline', async () => {
    const sut = bus({ url: `redis://127.0.0.1:${await freePort()}` });
    const sub = sut.subscribe(['ch'], () => undefined);
    const started = Date.now();
    expect(await sut.read('s', '0', { blockMs: 300 })).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(sub.isReady()).toBe(false);
  });
});

describe('createRedisBus against a slow server', () => {
  it('rejects a command TIMEOUT after commandTimeoutMs', async () => {
    const sut = bus({ commandTimeoutMs: 200 });
    await sut.ping();
    // CLIENT PAUSE holds every client's commands on the server: a server that stopped answering.
    const admin = new Redis(redis.url);
    try {
      await admin.call('CLIENT', 'PAUSE', 1_000, 'ALL');
      await expect(sut.get('k')).rejects.toMatchObject({ code: 'TIMEOUT' });
    } finally {
      await admin.call('CLIENT', 'UNPAUSE');
      admin.disconnect();
    }
  });
});

describe('createRedisBus flow control', () => {
  // Each message makes the handler issue 100 commands, as the ingest issues appends: past
  // maxInFlight the subscription stops reading until Redis has answered half of them.
  const floodThrough = async (flowLimits: { maxInFlight: number; maxUnsentBytes: number }) => {
    const sut = bus({ flowLimits });
    const producer = bus();
    const seen: number[] = [];
    let maxInFlight = 0;
    let inFlight = 0;
    const sub = sut.subscribe(['flow'], (_channel, text) => {
      seen.push(Number(text.split(':')[0]));
      for (let i = 0; i < 100; i++) {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        void sut.incr('counter').finally(() => inFlight--);
      }
    });
    await waitFor(() => sub.isReady());
    const messages = Array.from({ length: 300 }, (_, i) => i);
    // 2 KB each: they span many socket reads, so the brake has boundaries to act on.
    const padding = 'x'.repeat(2_000);
    await Promise.all(messages.map((i) => producer.publish('flow', `${i}:${padding}`)));
    await waitFor(async () => (await sut.get('counter')) === String(300 * 100), { timeoutMs: 20_000 });
    expect(seen).toEqual(messages);
    return { pausedMs: sub.pausedMs(), maxInFlight };
  };

  it('stops reading the subscription while commands are backed up, and loses nothing', async () => {
    const braked = await floodThrough({ maxInFlight: 200, maxUnsentBytes: 1 << 30 });
    expect(braked.pausedMs).toBeGreaterThan(0);
    const free = await floodThrough({ maxInFlight: 1_000_000, maxUnsentBytes: 1 << 30 });
    expect(free.pausedMs).toBe(0);
    // With the brake, what is in flight stays near the limit (one chunk's messages past it at most).
    expect(braked.maxInFlight).toBeLessThan(free.maxInFlight);
  });
});

describe('createRedisBus when Redis forgets its scripts', () => {
  it('a fenced append and a lease renewal load their script again after SCRIPT FLUSH (NOSCRIPT → EVAL)', async () => {
    const sut = bus();
    expect(await sut.acquireLease('lease', 'a', 5_000)).toBe(true);
    const opts = { leaseKey: 'lease', owner: 'a', maxLen: 100 };
    expect(await sut.appendFenced('frames', { f: '1' }, opts)).toMatch(/^\d+-\d+$/);
    const admin = new Redis(redis.url);
    try {
      await admin.call('SCRIPT', 'FLUSH');
      // Several at once, as the ingest sends them (auto-pipelined into one write): each falls back.
      const ids = await Promise.all([2, 3, 4].map((i) => sut.appendFenced('frames', { f: String(i) }, opts)));
      expect(ids.every((id) => id !== null)).toBe(true);
      expect(await sut.renewLease('lease', 'a', 5_000)).toBe(true);
      expect((await sut.range('frames', '0', 10)).map((e) => e.fields.f)).toEqual(['1', '2', '3', '4']);
    } finally {
      admin.disconnect();
    }
  });
});

describe.skipIf(!redis.stopServer || !redis.kill)('createRedisBus across a Redis crash', () => {
  it('a subscription made while Redis is down becomes ready when it comes up', async () => {
    await redis.stopServer!();
    const sut = bus();
    const sub = sut.subscribe(['ch:late'], () => undefined);
    try {
      expect(sub.isReady()).toBe(false);
    } finally {
      await redis.startServer!();
    }
    await waitFor(() => sub.isReady(), { timeoutMs: 15_000, what: 'subscription after start' });
  });

  it('after a crash that lost the data, readGroup says NO_GROUP and the group can be made again', async () => {
    const sut = bus();
    await sut.createGroup('s', 'g');
    await redis.kill!();
    await redis.startServer!();
    await waitFor(() => sut.ping().then(() => true, () => false), { timeoutMs: 15_000, what: 'ping after the crash' });
    await expect(sut.readGroup('s', 'g', 'c')).rejects.toMatchObject({ code: 'NO_GROUP' });
    await sut.createGroup('s', 'g');
    const id = await sut.append('s', { a: '1' });
    expect((await sut.readGroup('s', 'g', 'c')).map((e) => e.id)).toEqual([id]);
  });
});
