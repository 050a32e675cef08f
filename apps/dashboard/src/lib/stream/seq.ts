// Frame seqs are Redis stream ids, `<ms>-<n>` (CONTRACT.md: `"seq"?: "<stream id>"`). They order
// frames; comparing them as strings would put "9-0" after "10-0", so the two parts are compared
// as numbers. BigInt keeps `n` exact past 2^53.

export function parseSeq(seq: string): readonly [bigint, bigint] | null {
  const match = /^(\d{1,20})(?:-(\d{1,20}))?$/.exec(seq);
  if (!match) return null;
  return [BigInt(match[1]!), BigInt(match[2] ?? '0')];
}

/** Negative when a < b, 0 when equal, positive when a > b. An unparsable seq sorts first. */
export function compareSeq(a: string, b: string): number {
  const pa = parseSeq(a);
  const pb = parseSeq(b);
  if (!pa || !pb) return pa ? 1 : pb ? -1 : 0;
  if (pa[0] !== pb[0]) return pa[0] < pb[0] ? -1 : 1;
  if (pa[1] !== pb[1]) return pa[1] < pb[1] ? -1 : 1;
  return 0;
}
