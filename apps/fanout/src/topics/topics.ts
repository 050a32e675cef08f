// uWebSockets.js topics: one per stream (sockets taking every symbol) and one per stream+symbol
// (narrowed sockets), so each frame is serialized once per topic and published, never per socket.
// Symbols match ^[A-Za-z0-9][A-Za-z0-9._-]{0,14}$ (CONTRACT.md), so `:` cannot occur in one.
import type { Stream } from '@tickstock/contracts';
import type { PreparedFrame } from '../stream/prepared-frame';
import { partFor } from '../stream/prepared-frame';
import type { Subscription } from './subscription';

export const streamTopic = (stream: Stream): string => stream;
export const symbolTopic = (stream: Stream, symbol: string): string => `${stream}:${symbol}`;
/** Frames of a narrowed stream that concern no symbol (a critical alert): every narrowed socket gets them. */
export const symbollessTopic = (stream: Stream): string => `${stream}:`;

export function topicsOf(sub: Subscription): string[] {
  const topics: string[] = [];
  for (const [stream, want] of sub) {
    if (want === 'all') topics.push(streamTopic(stream));
    else {
      topics.push(symbollessTopic(stream));
      for (const s of want) topics.push(symbolTopic(stream, s));
    }
  }
  return topics;
}

/** The texts a socket with `sub` receives for `frame`, as the topics would deliver them (for replays). */
export function textsFor(sub: Subscription, frame: PreparedFrame): string[] {
  const want = sub.get(frame.stream);
  if (!want) return [];
  if (want === 'all' || frame.symbols.length === 0) return [frame.text];
  const texts: string[] = [];
  for (const s of frame.symbols) if (want.has(s)) texts.push(partFor(frame, s));
  return texts;
}
