// Reads what /status needs from Redis (one round trip per key, side by side) and, when Redis has
// lost the ingest state (a restart), the last session and health from the database instead.
import type { Bus } from '@tickstock/bus';
import { PRODUCER_HEARTBEAT_KEY, SERVICE_KEYS, type Health, type Session, type StatusResponse } from '@tickstock/contracts';
import type { HealthRepository, SessionRepository } from '@tickstock/db';
import type { Logger } from '@tickstock/observability';
import { overallStatus, producerState, readHealth, readSession, statsAsNumbers, type Known } from './derive-status';

export type StatusDeps = {
  bus: Pick<Bus, 'get' | 'getRaw' | 'hgetall'>;
  sessions: Pick<SessionRepository, 'latest'>;
  health: Pick<HealthRepository, 'latest'>;
  log: Logger;
  now?: () => number;
};

export type StatusService = { status(): Promise<StatusResponse> };

export function createStatusService(deps: StatusDeps): StatusService {
  const now = deps.now ?? Date.now;

  // The database is only a fallback: when it is down too, status still answers (with nulls).
  const fromDb = async <T>(what: string, read: () => Promise<T | null>): Promise<T | null> => {
    try {
      return await read();
    } catch (err) {
      deps.log.warn({ err, what }, 'status fallback to the database failed');
      return null;
    }
  };

  const session = async (known: Known<Session>): Promise<Session | null> => {
    if (known.known) return known.value;
    // A session the database holds as stopped is over, just as the ingest writes '' on a stop.
    return fromDb('session', async () => {
      const latest = await deps.sessions.latest();
      return latest && latest.stopped === null ? latest.session : null;
    });
  };

  const health = (known: Known<Health>): Promise<Health | null> =>
    known.known ? Promise.resolve(known.value) : fromDb('health', () => deps.health.latest());

  return {
    async status() {
      const [ingestHeartbeat, state, stats, producerHeartbeat] = await Promise.all([
        deps.bus.get(SERVICE_KEYS.ingestHeartbeat),
        deps.bus.hgetall(SERVICE_KEYS.liveState),
        deps.bus.hgetall(SERVICE_KEYS.ingestStats),
        deps.bus.getRaw(PRODUCER_HEARTBEAT_KEY),
      ]);
      const [currentSession, currentHealth] = await Promise.all([session(readSession(state)), health(readHealth(state))]);
      return {
        status: overallStatus(ingestHeartbeat, currentSession),
        session: currentSession,
        health: currentHealth,
        subscriber_stats: statsAsNumbers(stats),
        producer: producerState(producerHeartbeat, now()),
      };
    },
  };
}
