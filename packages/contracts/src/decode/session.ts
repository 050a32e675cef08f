// `tickstock:streaming:session_started` / `session_stopped` (TICKSTOCKPL-FORMATS.md, "Session
// started", "Session stopped"): the body is `session` (C), `data` (A) or the top level.
// No session id, no session: the old consumer reported the stream "online" with a null one.
import type { Session, SessionStopped } from '../events';
import { bad, first, isObj, nameOr, optionalNumber, optionalRef, preview, requireRef, timeOf, type Obj } from './fields';
import { checkType, SESSION_STARTED_TYPES, SESSION_STOPPED_TYPES } from './message-types';
import { note, Rejection, type DecodeContext } from './result';


export function decodeSessionStarted(ctx: DecodeContext, o: Obj): Rejection | undefined {
  const body = bodyOf(o, SESSION_STARTED_TYPES);
  if (body instanceof Rejection) return body;
  const sessionId = requireRef(first(body.session_id, o.session_id), 'session_id');
  if (sessionId instanceof Rejection) return sessionId;

  const session: Session = {
    session_id: sessionId,
    universe: optionalRef(ctx, first(body.universe, body.symbol_universe_key), 'universe'),
    start_time: timeOf(ctx, first(body.started_at, body.start_time, first(body.timestamp, o.timestamp)), 'start_time'),
    symbol_count: countOr0(ctx, body.symbol_count),
    status: nameOr(ctx, body.status, 'status', 'active'),
  };
  // A also says what started it (manual_test, market_open, ...).
  if (body.trigger_type !== undefined) session.trigger_type = optionalRef(ctx, body.trigger_type, 'trigger_type');
  ctx.events.push({ kind: 'session_started', data: session });
  return undefined;
}

export function decodeSessionStopped(ctx: DecodeContext, o: Obj): Rejection | undefined {
  const body = bodyOf(o, SESSION_STOPPED_TYPES);
  if (body instanceof Rejection) return body;
  const sessionId = requireRef(first(body.session_id, o.session_id), 'session_id');
  if (sessionId instanceof Rejection) return sessionId;

  const stopped: SessionStopped = {
    session_id: sessionId,
    stopped_at: timeOf(ctx, first(body.stopped_at, body.stop_time, first(body.timestamp, o.timestamp)), 'stopped_at'),
    duration_seconds: optionalNumber(ctx, body.duration_seconds, 'duration_seconds'),
    total_patterns: optionalNumber(ctx, body.total_patterns, 'total_patterns'),
    total_indicators: optionalNumber(ctx, body.total_indicators, 'total_indicators'),
    // A stop event that does not say how it ended has, at least, stopped.
    final_status: nameOr(ctx, first(body.final_status, body.status), 'final_status', 'stopped'),
  };
  // A says why (test_complete, market_close, ...).
  if (body.reason !== undefined) stopped.reason = optionalRef(ctx, body.reason, 'reason');
  ctx.events.push({ kind: 'session_stopped', data: stopped });
  return undefined;
}

function bodyOf(o: Obj, types: ReadonlySet<string>): Obj | Rejection {
  const typeError = checkType(o, types);
  if (typeError !== undefined) return typeError;
  const body = o.session ?? (isObj(o.data) ? o.data : o);
  return isObj(body) ? body : bad('session', 'not an object', body);
}

/** `symbol_count` defaults to 0 (format doc). */
function countOr0(ctx: DecodeContext, v: unknown): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  note(ctx, v === undefined || v === null ? 'symbol_count: missing, defaulted to 0' : `symbol_count: not a number (${preview(v)}), defaulted to 0`);
  return 0;
}
