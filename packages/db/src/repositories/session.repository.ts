// Streaming sessions: one row per session id, written by the started event and completed by the
// stopped event (either may arrive first or twice), read for GET /streaming/api/status.
import type { Session, SessionStopped } from '@tickstock/contracts';
import { sql, type Kysely, type Selectable } from 'kysely';
import { translated } from '../errors';
import type { Database, StreamingSessionsTable } from '../schema';
import { iso } from './rows';

/** 2000-01-01: no session starts earlier (the decoder takes no timestamp before it either). */
const EARLIEST_START_MS = Date.UTC(2000, 0, 1);

/** A session as started, and how it stopped (null while it runs). */
export type SessionState = { session: Session; stopped: SessionStopped | null };

export type SessionRepository = {
  /** Records a started session; true when the id was new. Never reopens a stopped session. */
  upsertSessionStarted(session: Session): Promise<boolean>;
  /** Records how a session stopped; true the first time, false for a repeated stop event. */
  markSessionStopped(stopped: SessionStopped): Promise<boolean>;
  /** The session that started last, or null when none was recorded. */
  latest(): Promise<SessionState | null>;
  get(sessionId: string): Promise<SessionState | null>;
};

export function createSessionRepository(db: Kysely<Database>): SessionRepository {
  return {
    upsertSessionStarted: (s) =>
      translated(async () => {
        const row = await db
          .insertInto('streaming_sessions')
          .values({
            session_id: s.session_id,
            universe: s.universe,
            start_time: s.start_time,
            symbol_count: s.symbol_count,
            status: s.status,
            trigger_type: s.trigger_type ?? null,
          })
          .onConflict((oc) =>
            oc.column('session_id').doUpdateSet((eb) => ({
              universe: eb.ref('excluded.universe'),
              start_time: eb.ref('excluded.start_time'),
              symbol_count: eb.ref('excluded.symbol_count'),
              trigger_type: eb.ref('excluded.trigger_type'),
              // A late or replayed start must not turn a stopped session back into a running one.
              status: sql<string>`case when streaming_sessions.stopped_at is null then excluded.status else streaming_sessions.status end`,
              updated_at: sql<Date>`now()`,
            })),
          )
          // xmax = 0 only on a freshly inserted row version: PostgreSQL's way to tell insert from update.
          .returning(sql<boolean>`(xmax = 0)`.as('created'))
          .executeTakeFirst();
        return row?.created === true;
      }),

    markSessionStopped: (s) =>
      translated(async () => {
        const stoppedAt = new Date(s.stopped_at);
        // A stop for a session whose start we never saw still gets a row, started when it says
        // it ran from (stopped_at - duration), so status shows it as stopped rather than unknown.
        // A duration that gives no such start (negative, or so long the date is invalid or before
        // the decoder's earliest time) starts it at stopped_at: an Invalid Date reaches pg as
        // "0NaN-NaN-..." and PostgreSQL refuses the insert — and with it the store writer's batch,
        // retried forever (found by the fault suite's fuzzer: duration_seconds 1e308).
        const back = stoppedAt.getTime() - (s.duration_seconds ?? 0) * 1000;
        const startedAt = back >= EARLIEST_START_MS && back <= stoppedAt.getTime() ? new Date(back) : stoppedAt;
        const stopFields = {
          stopped_at: s.stopped_at,
          duration_seconds: s.duration_seconds,
          total_patterns: s.total_patterns,
          total_indicators: s.total_indicators,
          final_status: s.final_status,
          stop_reason: s.reason ?? null,
        };
        const result = await db
          .insertInto('streaming_sessions')
          .values({ session_id: s.session_id, universe: null, start_time: startedAt, symbol_count: 0, status: 'stopped', ...stopFields })
          .onConflict((oc) =>
            oc
              .column('session_id')
              .doUpdateSet({ ...stopFields, status: 'stopped', updated_at: sql<Date>`now()` })
              .where('streaming_sessions.stopped_at', 'is', null),
          )
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
      }),

    latest: () =>
      translated(async () => {
        const row = await db
          .selectFrom('streaming_sessions')
          .selectAll()
          .orderBy('start_time', 'desc')
          .orderBy('session_id', 'desc')
          .limit(1)
          .executeTakeFirst();
        return row ? toState(row) : null;
      }),

    get: (sessionId) =>
      translated(async () => {
        const row = await db.selectFrom('streaming_sessions').selectAll().where('session_id', '=', sessionId).executeTakeFirst();
        return row ? toState(row) : null;
      }),
  };
}

function toState(r: Selectable<StreamingSessionsTable>): SessionState {
  const session: Session = {
    session_id: r.session_id,
    universe: r.universe,
    start_time: iso(r.start_time),
    symbol_count: r.symbol_count,
    status: r.status,
    trigger_type: r.trigger_type,
  };
  const stopped: SessionStopped | null =
    r.stopped_at === null
      ? null
      : {
          session_id: r.session_id,
          stopped_at: iso(r.stopped_at),
          duration_seconds: r.duration_seconds,
          total_patterns: r.total_patterns,
          total_indicators: r.total_indicators,
          final_status: r.final_status ?? 'stopped',
          reason: r.stop_reason,
        };
  return { session, stopped };
}
