// `tickstock:streaming:health` (TICKSTOCKPL-FORMATS.md, "Health"): the body is `health` (C)
// or the top level (A, flat). Every field the producer sends is kept: the documented ones by
// name, the rest (stale_symbols, uptime_seconds, memory_usage_mb, ...) in `extra`.
import type { Health } from '../events';
import { bad, copyExtras, first, hasAny, isObj, missing, optionalNumber, optionalObject, optionalRef, preview, requireName, timeOf, type Obj } from './fields';
import { checkType, HEALTH_TYPES } from './message-types';
import { note, Rejection, type DecodeContext } from './result';

/** Fields that say something about the producer's state: with one of them, a missing status is "unknown", not junk. */
const METRICS = ['active_symbols', 'ticks_per_second', 'patterns_detected', 'indicators_calculated', 'issues', 'data_flow', 'resources', 'connection'] as const;
const NAMED: ReadonlySet<string> = new Set([...METRICS, 'session_id', 'status', 'timestamp', 'type', 'event']);

export function decodeHealth(ctx: DecodeContext, o: Obj): Rejection | undefined {
  const typeError = checkType(o, HEALTH_TYPES);
  if (typeError !== undefined) return typeError;
  const body = o.health ?? o;
  if (!isObj(body)) return bad('health', 'not an object', body);
  const status = statusOf(ctx, body);
  if (status instanceof Rejection) return status;

  const dataFlow = optionalObject(ctx, body.data_flow, 'data_flow');
  const health: Health = {
    timestamp: timeOf(ctx, first(body.timestamp, o.timestamp)),
    session_id: optionalRef(ctx, first(body.session_id, o.session_id), 'session_id'),
    status,
    active_symbols: optionalNumber(ctx, body.active_symbols, 'active_symbols'),
    // A reports ticks/s inside data_flow.
    ticks_per_second: optionalNumber(ctx, first(body.ticks_per_second, dataFlow?.ticks_per_second), 'ticks_per_second'),
    patterns_detected: optionalNumber(ctx, body.patterns_detected, 'patterns_detected'),
    indicators_calculated: optionalNumber(ctx, body.indicators_calculated, 'indicators_calculated'),
    issues: issuesOf(ctx, body.issues),
    data_flow: dataFlow,
    resources: optionalObject(ctx, body.resources, 'resources'),
    connection: optionalObject(ctx, body.connection, 'connection'),
    extra: copyExtras(body, NAMED, {}),
  };
  ctx.events.push({ kind: 'health', data: health });
  return undefined;
}

/** The status is what the dashboard shows: a wrong one rejects; a missing one beside real metrics is "unknown". */
function statusOf(ctx: DecodeContext, body: Obj): string | Rejection {
  if (body.status !== undefined && body.status !== null) return requireName(body.status, 'status');
  if (!hasAny(body, METRICS)) return missing('status');
  note(ctx, 'status: missing, set to "unknown"');
  return 'unknown';
}

function issuesOf(ctx: DecodeContext, v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    note(ctx, `issues: not an array (${preview(v)}), set to []`);
    return [];
  }
  const issues = v.filter((x): x is string => typeof x === 'string');
  if (issues.length !== v.length) note(ctx, `issues: dropped ${v.length - issues.length} non-string item(s)`);
  return issues;
}
