// What decode() answers. A message is either accepted (one or more normalized events, plus
// notes on the defaults it took) or rejected with one reason from a closed list, so the ingest
// can count rejections per reason and dead-letter them (TICKSTOCKPL-FORMATS.md, "Bad input").
import type { NormalizedEvent } from '../events';

export const REJECT_REASONS = [
  /** The text is over MAX_PAYLOAD_BYTES; checked before parsing. */
  'too_large',
  'invalid_json',
  /** Valid JSON but not an object (`42`, `"x"`, `[]`, `null`). */
  'not_object',
  /** Arrays/objects nested deeper than MAX_DEPTH. */
  'too_deep',
  'unknown_channel',
  /** A `type`/`event` this channel does not carry (or one that belongs to another channel). */
  'unknown_type',
  /** A field the event cannot exist without (symbol, name, session_id, job_id, ...). */
  'missing_field',
  /** A field that is present but wrong: bad symbol, NaN/negative/>1 confidence, string for a number. */
  'invalid_field',
  /** An object with none of the fields this channel's messages have (smoke tests' `{"test": true}`). */
  'junk',
  /** decode() itself failed; never expected, kept so a bug is a counted rejection and not a crash. */
  'internal_error',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export type ItemRejection = { reason: RejectReason; detail: string };

export type DecodeResult =
  | { ok: true; events: NormalizedEvent[]; notes: string[]; itemRejections: ItemRejection[] }
  | { ok: false; reason: RejectReason; detail: string };

/** 256 KiB: far above any real message (a 50-item batch is ~15 KiB), small enough to parse safely. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;
/** Nesting deeper than this is rejected: no producer shape goes past 6, and it bounds recursion downstream. */
export const MAX_DEPTH = 32;

/** A normalizer's "no": returned (not thrown), so the bad path costs no exception. */
export class Rejection {
  constructor(
    readonly reason: RejectReason,
    readonly detail: string,
  ) {}
}

/** Per-message state the normalizers write into; decode() turns it into the result. */
export type DecodeContext = {
  readonly receivedAt: Date | undefined;
  readonly events: NormalizedEvent[];
  readonly notes: string[];
  readonly itemRejections: ItemRejection[];
  /** Prefix for notes and item rejections, e.g. `patterns[3]: ` inside a batch. */
  prefix: string;
};

export function note(ctx: DecodeContext, text: string): void {
  ctx.notes.push(ctx.prefix + text);
}
