// Accepted events → PostgreSQL rows, one idempotent multi-row INSERT per table per batch
// (ids are deterministic, so a batch written twice after a crash is stored once).
import type { EventOf, NormalizedEvent } from '@tickstock/contracts';
import type { Repositories } from '@tickstock/db';

export type EventStore = {
  /** Stores every event (idempotently); resolves with new rows per table. Throws when the database fails. */
  store(events: readonly NormalizedEvent[]): Promise<Record<string, number>>;
};

type StoreRepos = Pick<Repositories, 'patterns' | 'indicators' | 'alerts' | 'sessions' | 'health'> &
  Partial<Pick<Repositories, 'producerEvents'>>;

export function createEventStore(repos: StoreRepos): EventStore {
  return {
    async store(events) {
      const patterns: EventOf<'pattern'>['data'][] = [];
      const indicators: EventOf<'indicator'>['data'][] = [];
      const alerts: (EventOf<'indicator_alert'> | EventOf<'critical_alert'>)[] = [];
      const health: EventOf<'health'>['data'][] = [];
      const producer: (EventOf<'envelope_pattern'> | EventOf<'backtest_progress'> | EventOf<'backtest_result'> | EventOf<'system_health'>)[] = [];
      const sessionChanges: (EventOf<'session_started'> | EventOf<'session_stopped'>)[] = [];
      for (const e of events) {
        switch (e.kind) {
          case 'pattern':
            patterns.push(e.data);
            break;
          case 'indicator':
            indicators.push(e.data);
            break;
          case 'indicator_alert':
          case 'critical_alert':
            alerts.push(e);
            break;
          case 'health':
            health.push(e.data);
            break;
          case 'session_started':
          case 'session_stopped':
            sessionChanges.push(e);
            break;
          case 'envelope_pattern':
          case 'backtest_progress':
          case 'backtest_result':
          case 'system_health':
            producer.push(e);
            break;
        }
      }
      const [p, i, a, h, x] = await Promise.all([
        patterns.length ? repos.patterns.insertPatterns(patterns) : 0,
        indicators.length ? repos.indicators.insertIndicators(indicators) : 0,
        alerts.length ? repos.alerts.insertAlerts(alerts) : 0,
        health.length ? repos.health.insertHealth(health) : 0,
        producer.length && repos.producerEvents ? repos.producerEvents.insertEvents(producer) : 0,
      ]);
      // Session changes in arrival order: a stop must not be applied before its start.
      let s = 0;
      for (const change of sessionChanges) {
        const applied =
          change.kind === 'session_started'
            ? await repos.sessions.upsertSessionStarted(change.data)
            : await repos.sessions.markSessionStopped(change.data);
        if (applied) s += 1;
      }
      return { intraday_patterns: p, intraday_indicators: i, alerts: a, streaming_health: h, streaming_sessions: s, producer_events: x };
    },
  };
}
