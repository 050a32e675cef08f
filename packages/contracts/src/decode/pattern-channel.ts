// `tickstock:patterns:streaming` and `tickstock:patterns:detected` (TICKSTOCKPL-FORMATS.md,
// "Pattern"): a single detection (wrapped in `detection` or flat) or a producer batch (B).
// The same detection also arrives on both channels; its id is the same, the ingest dedups.
import { bad, isObj, type Obj } from './fields';
import { decodeBatch, type ItemDecoder } from './batch';
import { checkType, PATTERN_TYPES } from './message-types';
import { normalizePattern } from './pattern';
import { Rejection, type DecodeContext } from './result';


export function decodePatternMessage(ctx: DecodeContext, o: Obj): Rejection | undefined {
  const typeError = checkType(o, PATTERN_TYPES);
  if (typeError !== undefined) return typeError;
  if (o.type === 'streaming_patterns_batch' || (o.patterns !== undefined && o.detection === undefined)) {
    return decodeBatch(ctx, o, 'patterns', patternItem);
  }
  const d = o.detection ?? o;
  if (!isObj(d)) return bad('detection', 'not an object', d);
  const pattern = normalizePattern(ctx, d, o);
  if (pattern instanceof Rejection) return pattern;
  ctx.events.push({ kind: 'pattern', data: pattern });
  return undefined;
}

/** A batch item is a detection, or `{detection:{...}}` around one. */
const patternItem: ItemDecoder = (ctx, item, batchTime) => {
  const d = item.detection ?? item;
  if (!isObj(d)) return bad('detection', 'not an object', d);
  const pattern = normalizePattern(ctx, d, item, batchTime);
  return pattern instanceof Rejection ? pattern : { kind: 'pattern', data: pattern };
};
