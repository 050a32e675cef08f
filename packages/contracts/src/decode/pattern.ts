// One pattern detection, from any generation (TICKSTOCKPL-FORMATS.md, "Pattern"):
// C `{type, detection:{pattern, symbol, confidence, timestamp, timeframe}}`,
// A `{event, session_id, timestamp, detection:{pattern_type, ..., parameters{}}}`,
// B `{type, detection:{pattern_type, ..., bar_data{}, metadata{session_id, ...}}}`.
import type { BarData, Pattern } from '../events';
import { bad, first, objectOrEmpty, optionalNumber, optionalObject, optionalRef, requireName, requireSymbol, requireUnit, timeOf, type Obj } from './fields';
import { eventId } from './ids';
import { note, Rejection, type DecodeContext } from './result';
import { normalizeName } from './symbols';

/** CONTRACT.md: STREAMING_PRIORITY_CONFIDENCE defaults to 0.8, the producer's own `:detected` cut-off. */
export const PRIORITY_CONFIDENCE_DEFAULT = 0.8;
export const DEFAULT_TIMEFRAME = '1min';

/**
 * `d` is the detection; `outer` the message (or batch item) around it, where A keeps
 * `session_id` and `timestamp`; `fallbackTime` a batch's `batch_timestamp`.
 */
export function normalizePattern(ctx: DecodeContext, d: Obj, outer: Obj, fallbackTime?: unknown): Pattern | Rejection {
  const patternType = requireName(first(d.pattern, d.pattern_type, d.pattern_name), 'pattern');
  if (patternType instanceof Rejection) return patternType;
  const symbol = requireSymbol(d.symbol);
  if (symbol instanceof Rejection) return symbol;
  const confidence = requireUnit(d.confidence, 'confidence');
  if (confidence instanceof Rejection) return confidence;
  const timeframe = timeframeOf(ctx, d.timeframe);
  if (timeframe instanceof Rejection) return timeframe;

  const timestamp = timeOf(ctx, first(d.timestamp, outer.timestamp, fallbackTime));
  const metadata = objectOrEmpty(ctx, d.metadata, 'metadata');
  return {
    id: eventId('pat', [symbol, patternType, timestamp, timeframe]),
    pattern_type: patternType,
    symbol,
    confidence,
    timestamp,
    timeframe,
    parameters: objectOrEmpty(ctx, d.parameters, 'parameters'),
    bar_data: barData(ctx, d.bar_data),
    metadata,
    // A: top-level session_id; B: metadata.session_id.
    session_id: optionalRef(ctx, first(outer.session_id, d.session_id, metadata.session_id), 'session_id'),
    priority: confidence >= PRIORITY_CONFIDENCE_DEFAULT ? 'high' : 'normal',
  };
}

/** Part of the identity, so a bad one rejects; a missing one is the producer's default `1min`. */
export function timeframeOf(ctx: DecodeContext, v: unknown): string | Rejection {
  if (v === undefined || v === null) {
    note(ctx, `timeframe: missing, defaulted to "${DEFAULT_TIMEFRAME}"`);
    return DEFAULT_TIMEFRAME;
  }
  return normalizeName(v) ?? bad('timeframe', 'not a name (1-64 printable characters, no <>)', v);
}

function barData(ctx: DecodeContext, v: unknown): BarData | null {
  const b = optionalObject(ctx, v, 'bar_data');
  if (b === null) return null;
  return {
    open: optionalNumber(ctx, b.open, 'bar_data.open'),
    high: optionalNumber(ctx, b.high, 'bar_data.high'),
    low: optionalNumber(ctx, b.low, 'bar_data.low'),
    close: optionalNumber(ctx, b.close, 'bar_data.close'),
    volume: optionalNumber(ctx, b.volume, 'bar_data.volume'),
  };
}

