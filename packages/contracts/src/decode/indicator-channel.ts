// `tickstock:indicators:streaming` (TICKSTOCKPL-FORMATS.md, "Indicator"): the calculation is
// under `calculation` (C, A), under `indicator{}` (some mocks; in C `indicator` is the name
// string instead), or flat; batches are read like the pattern batches.
import { bad, isObj, type Obj } from './fields';
import { decodeBatch, type ItemDecoder } from './batch';
import { normalizeIndicator } from './indicator';
import { checkType, INDICATOR_TYPES } from './message-types';
import { Rejection, type DecodeContext } from './result';


export function decodeIndicatorMessage(ctx: DecodeContext, o: Obj): Rejection | undefined {
  const typeError = checkType(o, INDICATOR_TYPES);
  if (typeError !== undefined) return typeError;
  if (o.type === 'streaming_indicators_batch' || (o.indicators !== undefined && o.calculation === undefined)) {
    return decodeBatch(ctx, o, 'indicators', indicatorItem);
  }
  const c = bodyOf(o);
  if (!isObj(c)) return bad('calculation', 'not an object', c);
  const indicator = normalizeIndicator(ctx, c, o);
  if (indicator instanceof Rejection) return indicator;
  ctx.events.push({ kind: 'indicator', data: indicator });
  return undefined;
}

function bodyOf(o: Obj): unknown {
  return o.calculation ?? (isObj(o.indicator) ? o.indicator : o);
}

const indicatorItem: ItemDecoder = (ctx, item, batchTime) => {
  const c = bodyOf(item);
  if (!isObj(c)) return bad('calculation', 'not an object', c);
  const indicator = normalizeIndicator(ctx, c, item, batchTime);
  return indicator instanceof Rejection ? indicator : { kind: 'indicator', data: indicator };
};
