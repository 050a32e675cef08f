// Issue 5, keepalive: uWS's idle timeout with automatic pings keeps a quiet but live client
// connected (its pongs count as traffic), so a connection dies only when its peer does.
import { startRedis, uniquePrefix, waitFor, type TestRedis } from '@tickstock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcess, type InProcessPod } from './helpers/fanout-in-process';
import { ticket } from './helpers/tickets';
import { connect } from './helpers/ws-client';

let redis: TestRedis;
let sut: InProcessPod;

beforeAll(async () => {
  redis = await startRedis();
  // uWS's smallest useful idle timeout (its timer ticks every 4 s).
  sut = await startInProcess(redis.url, uniquePrefix(import.meta.filename), { FANOUT_IDLE_TIMEOUT_S: 8 });
}, 30_000);

afterAll(async () => {
  await sut?.stop();
  await redis?.stop();
});

describe('keepalive', () => {
  it('pings a quiet client and keeps it connected past the idle timeout', async () => {
    const client = await connect(sut.port, await ticket());
    let pings = 0;
    client.ws.on('ping', () => pings++);
    const started = Date.now();
    await waitFor(() => pings >= 1, { timeoutMs: 15_000, what: 'a ping from the server' });
    await waitFor(() => Date.now() - started > 10_000, { timeoutMs: 15_000, what: 'the idle timeout to pass' });
    expect(client.closeInfo()).toBe('');
    await client.sync();
    await client.close();
  }, 30_000);
});
