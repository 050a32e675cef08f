// Reading shared by the two alert channels: free text (messages) and the `data{}` that also
// collects fields the format doc does not name, so nothing the producer sent is lost.
import { copyExtras, isObj, preview, type Obj } from './fields';
import { note, type DecodeContext } from './result';

/** Messages are free text, not names: longer is allowed, but bounded; the dashboard escapes them. */
export const MAX_MESSAGE_LENGTH = 1000;

export function messageOr(ctx: DecodeContext, v: unknown, fallback: string): string {
  if (typeof v === 'string' && v.trim().length > 0) {
    if (v.length <= MAX_MESSAGE_LENGTH) return v;
    note(ctx, `message: ${v.length} characters, cut to ${MAX_MESSAGE_LENGTH}`);
    return v.slice(0, MAX_MESSAGE_LENGTH);
  }
  note(ctx, v === undefined || v === null ? `message: missing, set to "${fallback}"` : `message: not text (${preview(v)}), set to "${fallback}"`);
  return fallback;
}

/** `data{}` (copied), plus every field of `body` not in `named`; a key in `data{}` wins. */
export function alertData(ctx: DecodeContext, body: Obj, named: ReadonlySet<string>): Obj {
  const data = copyExtras(body, named, {});
  const given = body.data;
  if (isObj(given)) return copyExtras(given, NONE, data);
  if (given !== undefined && given !== null) {
    note(ctx, `data: not an object (${preview(given)}), kept as data.data`);
    data.data = given;
  }
  return data;
}

const NONE: ReadonlySet<string> = new Set();
