// `tickstock.health.status` (TICKSTOCKPL-FORMATS.md, "System health"): `status` and
// `metrics{cpu_usage, memory_usage, disk_usage, active_jobs, queue_depth, uptime_hours}` in the
// envelope; anything else goes to `data`.
import type { SystemHealth } from '../events';
import { bodyKeys, envelopeData, envelopeLevels, levelWith, timestampNear } from './envelope-levels';
import { missing, objectOrEmpty, optionalName, requireName, timeOf, type Obj } from './fields';
import { eventId } from './ids';
import { Rejection, type DecodeContext } from './result';

const KEYS = bodyKeys(['status', 'metrics']);

export function decodeSystemHealth(ctx: DecodeContext, o: Obj): Rejection | undefined {
  const levels = envelopeLevels(o);
  const b = levelWith(levels, 'status');
  const body = levels[b];
  if (body === undefined) return missing('status');
  const status = requireName(body.status, 'status');
  if (status instanceof Rejection) return status;
  const timestamp = timeOf(ctx, timestampNear(levels, b));
  const event: SystemHealth = {
    id: eventId('sys', [status, timestamp]),
    status,
    metrics: objectOrEmpty(ctx, body.metrics, 'metrics'),
    timestamp,
    source: optionalName(ctx, o.source, 'source'),
    data: envelopeData(levels, b, KEYS),
  };
  ctx.events.push({ kind: 'system_health', data: event });
  return undefined;
}
