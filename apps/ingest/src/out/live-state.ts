// State others read from Redis: the active session and the latest health (for the fanout's
// `welcome` and the query's /status), the ingest heartbeat and its counters.
import type { Bus } from '@tickstock/bus';
import { INGEST_HEARTBEAT_TTL_MS, SERVICE_KEYS } from '@tickstock/contracts';
import type { LiveState } from '../pipeline/ports';

export type LiveStateWriter = LiveState & {
  /** Writes the heartbeat and the counters; called every few seconds by the leader. */
  beat(stats: Record<string, number>): Promise<void>;
};

export function createLiveState(bus: Bus, opts: { onError: (err: unknown) => void; now?: () => number }): LiveStateWriter {
  const now = opts.now ?? Date.now;
  let activeSessionId: string | null = null;
  // Writes go out in call order on one connection, so a stop never overtakes its start.
  const write = (fields: Record<string, string>) =>
    void bus.hset(SERVICE_KEYS.liveState, { ...fields, updated_at: new Date(now()).toISOString() }).catch(opts.onError);

  return {
    sessionStarted(session) {
      activeSessionId = session.session_id;
      write({ session: JSON.stringify(session) });
    },
    sessionStopped(stopped) {
      // A stop for another session (a late or stray message) must not end the active one.
      if (activeSessionId !== null && stopped.session_id !== activeSessionId) return;
      activeSessionId = null;
      write({ session: '', last_stopped: JSON.stringify(stopped) });
    },
    health(health) {
      write({ health: JSON.stringify(health) });
    },
    async beat(stats) {
      const values = Object.fromEntries(Object.entries(stats).map(([k, v]) => [k, String(v)]));
      await Promise.all([
        bus.set(SERVICE_KEYS.ingestHeartbeat, String(now()), { ttlMs: INGEST_HEARTBEAT_TTL_MS }),
        bus.hset(SERVICE_KEYS.ingestStats, values),
      ]);
    },
  };
}
