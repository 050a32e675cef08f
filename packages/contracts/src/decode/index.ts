// decode(channel, text): one TickStockPL message in, normalized events or one rejection out.
// Never throws. Order: channel → size (before parsing) → JSON → object → depth → the channel's
// normalizer. Normalizers are hand-written readers over JSON.parse output: no schema validation
// per message on the hot path (the schemas in ../events are checked against them in tests).
import { ALL_CHANNELS, CHANNELS, type Channel } from '../channels';
import type { NormalizedEvent } from '../events';
import { decodeBacktestProgress, decodeBacktestResult } from './backtest';
import { decodeCriticalAlert } from './critical-alert';
import { decodeEnvelopePattern } from './envelope-pattern';
import { isObj, preview, type Obj } from './fields';
import { decodeHealth } from './health';
import { decodeIndicatorAlert } from './indicator-alert';
import { decodeIndicatorMessage } from './indicator-channel';
import { JUNK_SIGNATURES, junkOr } from './junk';
import { findUnstorableText, isTooDeep, isTooLarge, mayHoldUnstorableText } from './limits';
import { decodePatternMessage } from './pattern-channel';
import { MAX_DEPTH, MAX_PAYLOAD_BYTES, type DecodeContext, type DecodeResult, type Rejection } from './result';
import { decodeSessionStarted, decodeSessionStopped } from './session';
import { decodeSystemHealth } from './system-health';

export { MAX_DEPTH, MAX_PAYLOAD_BYTES, REJECT_REASONS, type DecodeResult, type ItemRejection, type RejectReason } from './result';
export { PRIORITY_CONFIDENCE_DEFAULT, DEFAULT_TIMEFRAME } from './pattern';
export { normalizeTimestamp } from './timestamps';
export { normalizeSymbol, normalizeName } from './symbols';
export { eventId, hash106, type IdKind } from './ids';

type ChannelDecoder = (ctx: DecodeContext, o: Obj) => Rejection | undefined;
type ChannelEntry = { decoder: ChannelDecoder; signature: readonly string[] };

/** One decoder per channel; a Record, so adding a channel without a decoder does not compile. */
const DECODERS: Readonly<Record<Channel, ChannelDecoder>> = {
  [CHANNELS.sessionStarted]: decodeSessionStarted,
  [CHANNELS.sessionStopped]: decodeSessionStopped,
  [CHANNELS.health]: decodeHealth,
  [CHANNELS.patternsStreaming]: decodePatternMessage,
  [CHANNELS.patternsDetected]: decodePatternMessage,
  [CHANNELS.indicatorsStreaming]: decodeIndicatorMessage,
  [CHANNELS.alertsIndicators]: decodeIndicatorAlert,
  [CHANNELS.alertsCritical]: decodeCriticalAlert,
  [CHANNELS.eventsPatterns]: decodeEnvelopePattern,
  [CHANNELS.eventsBacktestProgress]: decodeBacktestProgress,
  [CHANNELS.eventsBacktestResults]: decodeBacktestResult,
  [CHANNELS.healthStatus]: decodeSystemHealth,
};
/** A Map, not the Record: a channel name like `__proto__` or `toString` must find nothing. */
const ENTRIES: ReadonlyMap<string, ChannelEntry> = new Map(
  ALL_CHANNELS.map((channel) => [channel, { decoder: DECODERS[channel], signature: JUNK_SIGNATURES[channel] }]),
);

/**
 * Decodes one message published on `channel`. `receivedAt` stands in for a missing or unusable
 * timestamp (with a note); it defaults to now.
 */
export function decode(channel: string, text: string, receivedAt?: Date): DecodeResult {
  try {
    return decodeOrReject(channel, text, receivedAt);
  } catch (error) {
    // Last resort: a bug here must be a counted rejection, never a crashed ingest.
    return { ok: false, reason: 'internal_error', detail: `decode failed: ${preview(error instanceof Error ? error.message : error)}` };
  }
}

function decodeOrReject(channel: string, text: string, receivedAt: Date | undefined): DecodeResult {
  const entry = ENTRIES.get(channel);
  if (entry === undefined) return { ok: false, reason: 'unknown_channel', detail: `channel: ${preview(channel)} is not a TickStockPL channel` };
  if (typeof text !== 'string') return { ok: false, reason: 'invalid_json', detail: `payload: not text, got ${preview(text)}` };
  if (isTooLarge(text)) return { ok: false, reason: 'too_large', detail: `payload: over ${MAX_PAYLOAD_BYTES} bytes (${text.length} characters)` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: 'invalid_json', detail: `payload: ${preview(error instanceof Error ? error.message : String(error))}` };
  }
  if (!isObj(parsed)) return { ok: false, reason: 'not_object', detail: `payload: not an object, got ${preview(parsed)}` };
  if (isTooDeep(parsed)) return { ok: false, reason: 'too_deep', detail: `payload: nested deeper than ${MAX_DEPTH} levels` };

  const ctx: DecodeContext = { receivedAt, events: [], notes: [], itemRejections: [], prefix: '' };
  const found = entry.decoder(ctx, parsed);
  if (found !== undefined) {
    const rejection = junkOr(found, parsed, entry.signature);
    return { ok: false, reason: rejection.reason, detail: rejection.detail };
  }
  if (mayHoldUnstorableText(text)) {
    const refused = refuseUnstorable(ctx);
    if (refused !== undefined) return refused;
  }
  return { ok: true, events: ctx.events, notes: ctx.notes, itemRejections: ctx.itemRejections };
}

/**
 * An event holding U+0000 or an unpaired surrogate (in any field, passed-through ones included)
 * is rejected as invalid_field: PostgreSQL refuses such text, and an accepted event that no
 * insert can take would stall its whole batch forever (found by the fault suite's fuzzer).
 * The message is rejected when no event is left; otherwise the event counts as a rejected item.
 */
function refuseUnstorable(ctx: DecodeContext): DecodeResult | undefined {
  const kept: NormalizedEvent[] = [];
  let first: string | undefined;
  for (const event of ctx.events) {
    const at = findUnstorableText(event.data);
    if (at === null) {
      kept.push(event);
      continue;
    }
    const detail = `${preview(at)}: holds U+0000 or an unpaired surrogate, which PostgreSQL cannot store`;
    first ??= detail;
    ctx.itemRejections.push({ reason: 'invalid_field', detail });
  }
  if (first === undefined) return undefined;
  if (kept.length === 0) return { ok: false, reason: 'invalid_field', detail: first };
  ctx.events.splice(0, ctx.events.length, ...kept);
  return undefined;
}
