// One indicator calculation, from any generation (TICKSTOCKPL-FORMATS.md, "Indicator"):
// C `{type, calculation:{indicator, symbol, value, timestamp, timeframe, metadata}}`,
// A `{event, session_id, timestamp, calculation:{indicator_type, ..., values{}}}`.
// Both `value` and `values` are kept; when only `values.value` exists it is also the scalar.
import type { Indicator } from '../events';
import { bad, first, isObj, missing, objectOrEmpty, optionalRef, requireName, requireSymbol, timeOf, type Obj } from './fields';
import { eventId } from './ids';
import { timeframeOf } from './pattern';
import { Rejection, type DecodeContext } from './result';

export function normalizeIndicator(ctx: DecodeContext, c: Obj, outer: Obj, fallbackTime?: unknown): Indicator | Rejection {
  const indicatorType = requireName(first(c.indicator, c.indicator_type, c.indicator_name), 'indicator');
  if (indicatorType instanceof Rejection) return indicatorType;
  const symbol = requireSymbol(c.symbol);
  if (symbol instanceof Rejection) return symbol;

  const rawValues = c.values;
  if (rawValues !== undefined && rawValues !== null && !isObj(rawValues)) return bad('values', 'not an object', rawValues);
  const values = rawValues ?? {};
  const value = scalarOf(c.value, values);
  if (value instanceof Rejection) return value;
  // Neither a scalar nor a named value: nothing was measured.
  if (value === null && isEmpty(values)) return missing('value');
  const timeframe = timeframeOf(ctx, c.timeframe);
  if (timeframe instanceof Rejection) return timeframe;

  const timestamp = timeOf(ctx, first(c.timestamp, outer.timestamp, fallbackTime));
  const metadata = objectOrEmpty(ctx, c.metadata, 'metadata');
  return {
    id: eventId('ind', [symbol, indicatorType, timestamp, timeframe]),
    indicator_type: indicatorType,
    symbol,
    value,
    values,
    timestamp,
    timeframe,
    metadata,
    session_id: optionalRef(ctx, first(outer.session_id, c.session_id, metadata.session_id), 'session_id'),
  };
}

/** C's scalar `value`, else A's `values.value`, else null. A present but non-numeric one is the measurement gone wrong. */
function scalarOf(v: unknown, values: Obj): number | null | Rejection {
  if (v === undefined || v === null) {
    const inner = values.value;
    if (inner === undefined || inner === null) return null;
    return isNumber(inner) ? inner : bad('values.value', 'not a number', inner);
  }
  return isNumber(v) ? v : bad('value', 'not a number', v);
}

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isEmpty(o: Obj): boolean {
  for (const _ in o) return false;
  return true;
}
