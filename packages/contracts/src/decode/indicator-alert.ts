// `tickstock:alerts:indicators` (TICKSTOCKPL-FORMATS.md, "Indicator alert"): flat (A, C) or
// wrapped in `alert{}` (B). The old consumer read wrapped ones as flat: every field null.
import type { IndicatorAlert } from '../events';
import { alertData } from './alert-fields';
import { bad, first, isObj, nameOr, optionalRef, requireName, requireSymbol, timeOf, type Obj } from './fields';
import { eventId } from './ids';
import { checkType, INDICATOR_ALERT_TYPES } from './message-types';
import { Rejection, type DecodeContext } from './result';

const NAMED: ReadonlySet<string> = new Set(['type', 'event', 'alert', 'alert_type', 'symbol', 'timestamp', 'session_id', 'severity', 'data']);
/** B sends `severity: "warning"` for these threshold crossings; flat ones say nothing. */
export const INDICATOR_ALERT_SEVERITY_DEFAULT = 'warning';

export function decodeIndicatorAlert(ctx: DecodeContext, o: Obj): Rejection | undefined {
  const typeError = checkType(o, INDICATOR_ALERT_TYPES);
  if (typeError !== undefined) return typeError;
  const body = o.alert ?? o;
  if (!isObj(body)) return bad('alert', 'not an object', body);
  const alertType = requireName(body.alert_type, 'alert_type');
  if (alertType instanceof Rejection) return alertType;
  const symbol = requireSymbol(body.symbol);
  if (symbol instanceof Rejection) return symbol;

  const timestamp = timeOf(ctx, first(body.timestamp, o.timestamp));
  const alert: IndicatorAlert = {
    id: eventId('ial', [alertType, symbol, timestamp]),
    alert_type: alertType,
    symbol,
    severity: nameOr(ctx, first(body.severity, o.severity), 'severity', INDICATOR_ALERT_SEVERITY_DEFAULT),
    data: alertData(ctx, body, NAMED),
    timestamp,
    session_id: optionalRef(ctx, first(body.session_id, o.session_id), 'session_id'),
  };
  ctx.events.push({ kind: 'indicator_alert', data: alert });
  return undefined;
}
