// Client ops that move a socket's symbol narrowing from one set to another. The fanout's rules
// (CONTRACT.md and apps/fanout subscription.ts): a new connection takes every symbol; `subscribe`
// with symbols narrows a stream to them (adding to the ones it has); `subscribe` without symbols
// widens it to every symbol again; `unsubscribe` with symbols removes some and stops the stream
// when none are left, so new symbols are added before old ones are removed.
import type { Stream } from '@tickstock/contracts';

/**
 * The client ops this page sends (CONTRACT.md, client → server). Spelled out here because
 * contracts' `ClientOp` infers `streams` as `never[]` (its Stream schema is a union built from a
 * mapped array, which TypeBox's Static cannot narrow); the shapes are the contract's.
 */
export type ClientOp =
  | { op: 'subscribe' | 'unsubscribe'; streams: Stream[]; symbols?: string[] }
  | { op: 'resume'; since: string }
  | { op: 'ping' };

/** The streams `symbols` narrows: patterns, indicators and alerts (critical alerts still arrive). */
export const NARROWED_STREAMS = ['patterns', 'indicators', 'alerts'] as const satisfies readonly Stream[];

/** null: every symbol. */
export type SymbolSet = readonly string[] | null;

export function normalizeSymbols(symbols: SymbolSet): SymbolSet {
  if (symbols === null || symbols.length === 0) return null;
  return [...new Set(symbols.map((s) => s.toUpperCase()))].sort();
}

export function subscriptionOps(from: SymbolSet, to: SymbolSet): ClientOp[] {
  const prev = normalizeSymbols(from);
  const next = normalizeSymbols(to);
  const streams = [...NARROWED_STREAMS];
  if (prev === null && next === null) return [];
  if (next === null) return [{ op: 'subscribe', streams }];
  if (prev === null) return [{ op: 'subscribe', streams, symbols: [...next] }];
  const added = next.filter((s) => !prev.includes(s));
  const removed = prev.filter((s) => !next.includes(s));
  const ops: ClientOp[] = [];
  if (added.length > 0) ops.push({ op: 'subscribe', streams, symbols: added });
  if (removed.length > 0) ops.push({ op: 'unsubscribe', streams, symbols: removed });
  return ops;
}
