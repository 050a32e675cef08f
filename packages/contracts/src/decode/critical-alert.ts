// `tickstock:alerts:critical` (TICKSTOCKPL-FORMATS.md, "Critical alert"). Flat: `type` is the
// alert's kind (CONNECTION_LOST, ...). Wrapped (B): `{type:"critical_alert", alert:{severity,
// message, timestamp, component, action_required, recovery}}`, kind = component or critical_alert.
import type { CriticalAlert } from '../events';
import { alertData, messageOr } from './alert-fields';
import { bad, first, isObj, nameOr, preview, requireName, timeOf, type Obj } from './fields';
import { eventId } from './ids';
import { STREAMING_MESSAGE_TYPES } from './message-types';
import { Rejection, type DecodeContext } from './result';

const NAMED: ReadonlySet<string> = new Set(['type', 'alert', 'message', 'severity', 'timestamp', 'data']);
export const CRITICAL_SEVERITY_DEFAULT = 'critical';
const WRAPPED_TYPE = 'critical_alert';

export function decodeCriticalAlert(ctx: DecodeContext, o: Obj): Rejection | undefined {
  if (typeof o.type === 'string' && STREAMING_MESSAGE_TYPES.has(o.type)) {
    return new Rejection('unknown_type', `type: ${preview(o.type)} is not carried on this channel`);
  }
  const wrapped = o.alert !== undefined && o.alert !== null;
  const body = wrapped ? o.alert : o;
  if (!isObj(body)) return bad('alert', 'not an object', body);
  const kind = wrapped
    ? requireName(first(body.component, body.type, o.type) ?? WRAPPED_TYPE, 'alert.component')
    : requireName(o.type, 'type');
  if (kind instanceof Rejection) return kind;

  const timestamp = timeOf(ctx, first(body.timestamp, o.timestamp));
  const message = messageOr(ctx, body.message, kind);
  const alert: CriticalAlert = {
    id: eventId('crit', [kind, timestamp, message]),
    type: kind,
    message,
    severity: nameOr(ctx, body.severity, 'severity', CRITICAL_SEVERITY_DEFAULT),
    timestamp,
    data: alertData(ctx, body, NAMED),
  };
  ctx.events.push({ kind: 'critical_alert', data: alert });
  return undefined;
}
