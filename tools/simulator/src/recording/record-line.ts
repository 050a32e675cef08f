// One line of a recording (JSONL): `{"t_ms": 1234, "channel": "...", "payload": "<exact text>"}`.
// `t_ms` is milliseconds since the recording started; `payload` is the text exactly as it was
// published (a string, so invalid JSON and odd spacing survive the round trip).
// Reading is lenient where it costs nothing: a `payload` that is a JSON value instead of a string
// is published as its JSON text, and a missing `t_ms` means "right after the previous line" —
// so the fixture file samples.jsonl (`{"name", "channel", "payload"}`) replays as it is.
import { isChannel, type Channel } from '@tickstock/contracts';

export type RecordedMessage = { tMs: number | undefined; channel: Channel; text: string };

export class RecordingError extends Error {
  override readonly name = 'RecordingError';
}

export function formatRecordLine(tMs: number, channel: string, text: string): string {
  return `${JSON.stringify({ t_ms: tMs, channel, payload: text })}\n`;
}

/** Parses one non-blank line; `lineNo` (1-based) names the line in errors. */
export function parseRecordLine(line: string, lineNo: number): RecordedMessage {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch (err) {
    throw new RecordingError(`line ${lineNo}: not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new RecordingError(`line ${lineNo}: not an object`);
  const { t_ms: tMs, channel, payload } = o as Record<string, unknown>;
  if (typeof channel !== 'string' || !isChannel(channel)) {
    throw new RecordingError(`line ${lineNo}: channel ${JSON.stringify(channel)} is not one of the 12 TickStockPL channels`);
  }
  if (tMs !== undefined && (typeof tMs !== 'number' || !Number.isFinite(tMs) || tMs < 0)) {
    throw new RecordingError(`line ${lineNo}: t_ms must be a non-negative number, got ${JSON.stringify(tMs)}`);
  }
  if (payload === undefined) throw new RecordingError(`line ${lineNo}: payload is missing`);
  return { tMs, channel, text: typeof payload === 'string' ? payload : JSON.stringify(payload) };
}
