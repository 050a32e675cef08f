// Client → server frames (CONTRACT.md): JSON text, one op each, checked against the contract's
// schema. What is not a valid op is a bad frame: answered with an `error` event, and a run of
// them (or one over 16 KB) closes the socket with 1008.
import { ClientOp } from '@tickstock/contracts';
import { Compile } from 'typebox/compile';

/** Issue 5: client frames over 16 KB close the socket with 1008. */
export const MAX_CLIENT_FRAME_BYTES = 16 * 1024;

const validOp = Compile(ClientOp);
const decoder = new TextDecoder('utf-8', { fatal: true });
/** Stream ids as Redis writes them (`<ms>-<seq>`; a bare `<ms>` means `<ms>-0`). */
const STREAM_ID = /^(\d{1,20})(?:-(\d{1,20}))?$/;

export type ParsedClientFrame =
  | { ok: true; op: ClientOp }
  | { ok: false; code: 'FRAME_TOO_LARGE' | 'BAD_FRAME'; message: string };

export function parseClientFrame(message: ArrayBuffer, isBinary: boolean): ParsedClientFrame {
  if (message.byteLength > MAX_CLIENT_FRAME_BYTES) {
    return { ok: false, code: 'FRAME_TOO_LARGE', message: `frames are limited to ${MAX_CLIENT_FRAME_BYTES} bytes` };
  }
  if (isBinary) return { ok: false, code: 'BAD_FRAME', message: 'frames are JSON text' };
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(message));
  } catch {
    return { ok: false, code: 'BAD_FRAME', message: 'frame is not JSON' };
  }
  if (!validOp.Check(value)) {
    const op = (value as { op?: unknown } | null)?.op;
    const message = typeof op === 'string' ? `invalid ${op.slice(0, 32)} frame` : 'expected {"op": "subscribe"|"unsubscribe"|"resume"|"ping", ...}';
    return { ok: false, code: 'BAD_FRAME', message };
  }
  return { ok: true, op: value };
}

/** `since` as a canonical stream id (`<ms>-<seq>`), or null when it is not one (or overflows 64 bits). */
export function canonicalSeq(since: string): string | null {
  const m = STREAM_ID.exec(since);
  if (!m) return null;
  const ms = BigInt(m[1]!);
  const seq = BigInt(m[2] ?? '0');
  const max = 18446744073709551615n;
  return ms > max || seq > max ? null : `${ms}-${seq}`;
}
