// `tickstock.events.patterns` (TICKSTOCKPL-FORMATS.md, "Envelope pattern"): daily/batch pattern
// events. Body = data.data.data | data.data | data | top; without a symbol or a pattern name
// it is rejected. flow_id, tier, prices, volume, expires_at, indicators{}, the body's own
// `source` and anything else go to `data`.
import type { EnvelopePattern } from '../events';
import { bodyKeys, envelopeData, envelopeLevels, timestampNear } from './envelope-levels';
import { first, optionalName, optionalUnit, requireName, requireSymbol, timeOf, type Obj } from './fields';
import { eventId } from './ids';
import { Rejection, type DecodeContext } from './result';

const KEYS = bodyKeys(['symbol', 'pattern', 'pattern_name', 'pattern_type', 'confidence']);

export function decodeEnvelopePattern(ctx: DecodeContext, o: Obj): Rejection | undefined {
  const levels = envelopeLevels(o);
  const b = levels.length - 1;
  const body = levels[b] ?? o;
  const symbol = requireSymbol(body.symbol);
  if (symbol instanceof Rejection) return symbol;
  const pattern = requireName(first(body.pattern, body.pattern_name, body.pattern_type), 'pattern');
  if (pattern instanceof Rejection) return pattern;
  const confidence = optionalUnit(body.confidence, 'confidence');
  if (confidence instanceof Rejection) return confidence;

  const timestamp = timeOf(ctx, timestampNear(levels, b));
  const event: EnvelopePattern = {
    id: eventId('env', [symbol, pattern, timestamp]),
    symbol,
    pattern,
    confidence,
    timestamp,
    source: optionalName(ctx, o.source, 'source'),
    event_type: optionalName(ctx, o.event_type, 'event_type'),
    data: envelopeData(levels, b, KEYS),
  };
  ctx.events.push({ kind: 'envelope_pattern', data: event });
  return undefined;
}
