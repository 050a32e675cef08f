// What one socket asked for (CONTRACT.md, client → server): per stream, every symbol or a set of
// symbols. A new connection receives every stream for every symbol; `symbols` narrows patterns,
// indicators and alerts. The socket's uWS topics follow from it (topics.ts).
import { STREAMS, type Stream } from '@tickstock/contracts';
import { NARROWED_STREAMS } from '../stream/prepared-frame';

export type StreamWant = 'all' | Set<string>;
export type Subscription = Map<Stream, StreamWant>;

/** Symbols one socket may narrow a stream to, in total over its subscribe ops (one op carries up to 1000). */
export const MAX_SYMBOLS_PER_STREAM = 1000;

/** The streams/symbols part of a subscribe or unsubscribe op (the schema's static type widens poorly). */
export type SubscriptionChange = { streams: readonly Stream[]; symbols?: readonly string[] | undefined };

export type SubscriptionError = { code: 'NOT_NARROWED' | 'TOO_MANY_SYMBOLS'; message: string };

export function defaultSubscription(): Subscription {
  return new Map(STREAMS.map((s) => [s, 'all' as const]));
}

/**
 * `subscribe`: a listed stream without symbols takes every symbol; with symbols, a narrowed stream
 * takes those symbols (added to any it already had; a stream taking every symbol is narrowed to
 * them). `streams: []` with symbols means the narrowed streams the socket receives.
 */
export function applySubscribe(sub: Subscription, op: SubscriptionChange): SubscriptionError | null {
  const symbols = normalize(op.symbols);
  for (const stream of targets(sub, op.streams, symbols)) {
    if (!symbols || !NARROWED_STREAMS.has(stream)) {
      sub.set(stream, 'all');
      continue;
    }
    const current = sub.get(stream);
    const next = current instanceof Set ? new Set([...current, ...symbols]) : new Set(symbols);
    if (next.size > MAX_SYMBOLS_PER_STREAM) {
      return { code: 'TOO_MANY_SYMBOLS', message: `at most ${MAX_SYMBOLS_PER_STREAM} symbols per stream` };
    }
    sub.set(stream, next);
  }
  return null;
}

/**
 * `unsubscribe`: a listed stream without symbols stops; with symbols, those leave a narrowed
 * stream (which stops when none are left). A stream taking every symbol cannot drop a few: the
 * client is told to narrow it with `subscribe` instead.
 */
export function applyUnsubscribe(sub: Subscription, op: SubscriptionChange): SubscriptionError | null {
  const symbols = normalize(op.symbols);
  for (const stream of targets(sub, op.streams, symbols)) {
    const current = sub.get(stream);
    if (!symbols || !NARROWED_STREAMS.has(stream)) {
      sub.delete(stream);
      continue;
    }
    if (current === 'all') {
      return { code: 'NOT_NARROWED', message: `${stream} takes every symbol; subscribe with symbols to narrow it` };
    }
    if (!current) continue;
    for (const s of symbols) current.delete(s);
    if (current.size === 0) sub.delete(stream);
  }
  return null;
}

function targets(sub: Subscription, streams: readonly Stream[], symbols: string[] | null): Stream[] {
  if (streams.length > 0 || !symbols) return [...streams];
  return [...NARROWED_STREAMS].filter((s) => sub.has(s));
}

/** CONTRACT.md: symbols are upper-cased. */
function normalize(symbols: readonly string[] | undefined): string[] | null {
  return symbols === undefined ? null : symbols.map((s) => s.toUpperCase());
}
