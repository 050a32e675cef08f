// A frames-stream entry made ready to send: the wire text is built once per pod by splicing the
// seq into the ingest's JSON (no re-serialization), and the per-symbol texts that symbol-filtered
// sockets receive are built at most once per symbol (CONTRACT.md: "batches then hold only their items").
import type { StreamEntry } from '@tickstock/bus';
import { FRAME_FIELD, STREAMS, streamOf, type ServerEvent, type Stream } from '@tickstock/contracts';

/** Streams that `symbols` narrows (CONTRACT.md: "patterns, indicators and alerts"). */
export const NARROWED_STREAMS: ReadonlySet<Stream> = new Set<Stream>(['patterns', 'indicators', 'alerts']);

const BATCH_ITEMS: Partial<Record<ServerEvent, { list: string; inner: string }>> = {
  streaming_patterns_batch: { list: 'patterns', inner: 'detection' },
  streaming_indicators_batch: { list: 'indicators', inner: 'calculation' },
};

export type PreparedFrame = {
  readonly id: string;
  /** The ms part of the stream id: when the ingest appended the frame. */
  readonly appendedMs: number;
  readonly event: ServerEvent;
  readonly stream: Stream;
  /** `{"seq":…,"event":…,"data":…}`: what a socket that takes the whole stream receives. */
  readonly text: string;
  /** Distinct upper-case symbols the frame concerns (narrowed streams only); empty when none. */
  readonly symbols: readonly string[];
  /** The parsed data; the publisher lets go of it once the frame is out, to keep the replay cache small. */
  data: Record<string, unknown> | undefined;
  /** Texts holding only one symbol's items, built on first use. */
  readonly parts: Map<string, string>;
};

export type PrepareResult = { ok: true; frame: PreparedFrame } | { ok: false; reason: string };

const KNOWN_STREAMS: ReadonlySet<string> = new Set(STREAMS);

export function prepareFrame(entry: StreamEntry): PrepareResult {
  const f = entry.fields[FRAME_FIELD];
  if (f === undefined || f.charCodeAt(0) !== 0x7b /* { */) return { ok: false, reason: 'no frame field' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(f);
  } catch {
    return { ok: false, reason: 'frame is not JSON' };
  }
  const { event, data } = (parsed ?? {}) as { event?: unknown; data?: unknown };
  if (typeof event !== 'string' || typeof data !== 'object' || data === null) return { ok: false, reason: 'no event or data' };
  const stream = streamOfSafe(event);
  if (!stream) return { ok: false, reason: `event ${event} belongs to no stream` };
  const dataObj = data as Record<string, unknown>;
  const frame: PreparedFrame = {
    id: entry.id,
    appendedMs: Number(entry.id.slice(0, entry.id.indexOf('-'))),
    event: event as ServerEvent,
    stream,
    // The ingest stores the frame without seq; `{"seq":"<id>",` + the rest is the same object plus seq.
    text: `{"seq":"${entry.id}",${f.slice(1)}`,
    symbols: NARROWED_STREAMS.has(stream) ? symbolsOf(event as ServerEvent, dataObj) : [],
    data: dataObj,
    parts: new Map(),
  };
  return { ok: true, frame };
}

/** The text a socket narrowed to `symbol` receives for this frame (the frame must concern it). */
export function partFor(frame: PreparedFrame, symbol: string): string {
  const cached = frame.parts.get(symbol);
  if (cached !== undefined) return cached;
  const batch = BATCH_ITEMS[frame.event];
  let text = frame.text;
  if (batch) {
    // The data was let go after publishing: parse again (replays to narrowed sockets are rare).
    const data = frame.data ?? (JSON.parse(frame.text) as { data: Record<string, unknown> }).data;
    const items = (data[batch.list] as Record<string, Record<string, unknown>>[]).filter((item) => itemSymbol(item, batch.inner) === symbol);
    text = JSON.stringify({ seq: frame.id, event: frame.event, data: { ...data, [batch.list]: items, count: items.length } });
  }
  frame.parts.set(symbol, text);
  return text;
}

function streamOfSafe(event: string): Stream | null {
  try {
    const stream = streamOf(event as ServerEvent);
    return stream && KNOWN_STREAMS.has(stream) ? stream : null;
  } catch {
    return null;
  }
}

function symbolsOf(event: ServerEvent, data: Record<string, unknown>): string[] {
  const batch = BATCH_ITEMS[event];
  if (batch) {
    const items = data[batch.list];
    if (!Array.isArray(items)) return [];
    const seen = new Set<string>();
    for (const item of items as Record<string, unknown>[]) {
      const s = itemSymbol(item, batch.inner);
      if (s) seen.add(s);
    }
    return [...seen];
  }
  const s = singleSymbol(event, data);
  return s ? [s] : [];
}

function itemSymbol(item: Record<string, unknown> | null | undefined, inner: string): string | null {
  const symbol = (item?.[inner] as { symbol?: unknown } | undefined)?.symbol;
  return typeof symbol === 'string' ? symbol.toUpperCase() : null;
}

/** The same fields `symbolOf` (contracts) reads, without trusting the entry's shape. */
function singleSymbol(event: ServerEvent, data: Record<string, unknown>): string | null {
  if (event === 'streaming_pattern') return itemSymbol(data, 'detection');
  if (event === 'streaming_indicator') return itemSymbol(data, 'calculation');
  if (event === 'indicator_alert') return itemSymbol(data, 'alert');
  return null;
}
