import { connectMemoryBus, createMemoryBus, createMemoryServer } from '@tickstock/bus';
import { PRODUCER_HEARTBEAT_KEY, SERVICE_KEYS } from '@tickstock/contracts';
import { createLogger } from '@tickstock/observability';
import { describe, expect, it } from 'vitest';
import { createStatusService, type StatusDeps } from './status-service';

const session = { session_id: 's1', universe: 'SP500', start_time: '2025-01-01T00:00:00.000Z', symbol_count: 500, status: 'active' };
const log = createLogger({ name: 'test', level: 'silent' });

function setup(db: Partial<Pick<StatusDeps, 'sessions' | 'health'>> = {}) {
  const bus = createMemoryBus({ prefix: 'p:' });
  const sut = createStatusService({
    bus,
    sessions: db.sessions ?? { latest: () => Promise.resolve(null) },
    health: db.health ?? { latest: () => Promise.resolve(null) },
    log,
    now: () => Date.parse('2025-01-01T00:01:00.000Z'),
  });
  return { bus, sut };
}

describe(createStatusService.name, () => {
  it('reports online with the session, the counters and the producer from the prefixed keys', async () => {
    const { bus, sut } = setup();
    await bus.set(SERVICE_KEYS.ingestHeartbeat, '1735689660000');
    await bus.hset(SERVICE_KEYS.liveState, { session: JSON.stringify(session), health: '' });
    await bus.hset(SERVICE_KEYS.ingestStats, { received: '7' });
    await bus.hset('unrelated', { x: '1' });
    expect(await sut.status()).toEqual({
      status: 'online',
      session,
      health: null,
      subscriber_stats: { received: 7 },
      producer: { online: false, last_heartbeat: null },
    });
  });

  it('reads the producer heartbeat from its unprefixed key, not from under the prefix', async () => {
    const server = createMemoryServer();
    const sut = createStatusService({
      bus: connectMemoryBus(server, { prefix: 'p:' }),
      sessions: { latest: () => Promise.resolve(null) },
      health: { latest: () => Promise.resolve(null) },
      log,
      now: () => Date.parse('2025-01-01T00:01:00.000Z'),
    });
    const producer = connectMemoryBus(server, { prefix: '' });
    await connectMemoryBus(server, { prefix: 'p:' }).set(PRODUCER_HEARTBEAT_KEY, '1735689650');
    expect((await sut.status()).producer).toEqual({ online: false, last_heartbeat: null });
    await producer.set(PRODUCER_HEARTBEAT_KEY, '1735689650.25');
    expect((await sut.status()).producer).toEqual({ online: true, last_heartbeat: '2025-01-01T00:00:50.250Z' });
  });

  it('falls back to the database when Redis holds no state, and only to a session that has not stopped', async () => {
    const running = setup({ sessions: { latest: () => Promise.resolve({ session, stopped: null }) } });
    expect((await running.sut.status()).session).toEqual(session);
    const stopped = setup({
      sessions: {
        latest: () =>
          Promise.resolve({
            session,
            stopped: { session_id: 's1', stopped_at: session.start_time, duration_seconds: 1, total_patterns: 0, total_indicators: 0, final_status: 'completed' },
          }),
      },
    });
    expect((await stopped.sut.status()).session).toBeNull();
  });

  it('does not ask the database when Redis says there is no session', async () => {
    const { bus, sut } = setup({ sessions: { latest: () => Promise.reject(new Error('must not be called')) } });
    await bus.hset(SERVICE_KEYS.liveState, { session: '' });
    expect((await sut.status()).session).toBeNull();
  });

  it('still answers when the database fallback fails', async () => {
    const { sut } = setup({ health: { latest: () => Promise.reject(new Error('db down')) } });
    expect((await sut.status()).health).toBeNull();
  });

  it('is offline without the ingest heartbeat even with a session in the state', async () => {
    const { bus, sut } = setup();
    await bus.hset(SERVICE_KEYS.liveState, { session: JSON.stringify(session) });
    expect((await sut.status()).status).toBe('offline');
  });
});
