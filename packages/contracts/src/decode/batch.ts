// Producer-side batches (TICKSTOCKPL-FORMATS.md, "Generations", B):
// `{"type":"streaming_patterns_batch","patterns":[{...}|{"detection":{...}}],"count","batch_timestamp"}`.
// Each item is accepted or rejected on its own: one bad item never costs the other 49.
import type { NormalizedEvent } from '../events';
import { bad, isObj, missing, type Obj } from './fields';
import { note, Rejection, type DecodeContext } from './result';

/** Normalizes one batch item; `batchTime` is the batch's own timestamp, the item's last fallback. */
export type ItemDecoder = (ctx: DecodeContext, item: Obj, batchTime: unknown) => NormalizedEvent | Rejection;

export function decodeBatch(ctx: DecodeContext, o: Obj, field: string, decodeItem: ItemDecoder): Rejection | undefined {
  const items = o[field];
  if (items === undefined || items === null) return missing(field);
  if (!Array.isArray(items)) return bad(field, 'not an array', items);
  // Rejected, not accepted with nothing in it: every message must count as accepted or rejected
  // (the ingest's received = accepted + rejected), and an empty batch has no event to count.
  if (items.length === 0) return bad(field, 'an empty batch', items);
  const batchTime = o.batch_timestamp ?? o.timestamp;
  let firstRejection: Rejection | undefined;
  for (let i = 0; i < items.length; i++) {
    const item: unknown = items[i];
    const notesBefore = ctx.notes.length;
    ctx.prefix = `${field}[${i}]: `;
    const r = isObj(item) ? decodeItem(ctx, item, batchTime) : new Rejection('not_object', `not an object, got ${Array.isArray(item) ? 'an array' : typeof item}`);
    if (r instanceof Rejection) {
      // A rejected item's notes describe nothing that was kept.
      ctx.notes.length = notesBefore;
      ctx.itemRejections.push({ reason: r.reason, detail: ctx.prefix + r.detail });
      firstRejection ??= r;
    } else {
      ctx.events.push(r);
    }
  }
  ctx.prefix = '';
  if (firstRejection !== undefined && ctx.itemRejections.length === items.length) {
    return new Rejection(firstRejection.reason, `all ${items.length} ${field} rejected; first: ${ctx.itemRejections[0]?.detail ?? ''}`);
  }
  if (typeof o.count === 'number' && o.count !== items.length) note(ctx, `count: says ${o.count}, batch holds ${items.length}`);
  return undefined;
}
