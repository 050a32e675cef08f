// Redis stream ids are `<ms>-<seq>` (https://redis.io/docs/latest/develop/data-types/streams/):
// both parts are unsigned 64-bit, so they are compared as bigints, never as floats.
import { BusError } from './bus-error';

export type ParsedId = { ms: bigint; seq: bigint };

const ID = /^(\d+)(?:-(\d+))?$/;

/** Parses `ms-seq`; a bare `ms` means `ms-0`, as Redis reads it in XREAD and XRANGE starts. */
export function parseStreamId(id: string): ParsedId {
  const m = ID.exec(id);
  if (!m) throw new BusError('INVALID', `Invalid stream id "${id}" (expected <ms>-<seq>)`);
  return { ms: BigInt(m[1]!), seq: BigInt(m[2] ?? '0') };
}

export function formatStreamId(id: ParsedId): string {
  return `${id.ms}-${id.seq}`;
}

/** Negative, zero or positive as a sorts before, with or after b. */
export function compareStreamIds(a: string, b: string): number {
  const x = parseStreamId(a);
  const y = parseStreamId(b);
  if (x.ms !== y.ms) return x.ms < y.ms ? -1 : 1;
  if (x.seq !== y.seq) return x.seq < y.seq ? -1 : 1;
  return 0;
}

/** The id XADD `*` would give after `last` at time `nowMs`: never goes backwards, even if the clock does. */
export function nextStreamId(last: ParsedId, nowMs: number): ParsedId {
  const now = BigInt(Math.floor(nowMs));
  return now > last.ms ? { ms: now, seq: 0n } : { ms: last.ms, seq: last.seq + 1n };
}
