// Live delivery: a frame goes to its stream's topic as is, and to each symbol topic that has
// subscribers as a text holding only that symbol's items. uWebSockets.js keeps the order of
// publishes for every socket, across topics and with direct sends (guaranteed since v20).
import type { FanoutMetrics } from '../metrics';
import { NARROWED_STREAMS, partFor, type PreparedFrame } from '../stream/prepared-frame';
import { streamTopic, symbolTopic, symbollessTopic } from './topics';

/** The part of a uWS app the publisher uses (tests pass a fake). */
export type TopicSink = {
  publish(topic: string, message: string, isBinary?: boolean, compress?: boolean): boolean;
  numSubscribers(topic: string): number;
};

/** publish() resolves nothing and returns the bytes it published: no socket's buffer grew by more. */
export type Publisher = { publish(frame: PreparedFrame): number };

export function createPublisher(sink: TopicSink, metrics: FanoutMetrics, opts: { compress: boolean; now?: () => number }): Publisher {
  const now = opts.now ?? Date.now;
  const framesOut = metrics.framesOut.labels('live');
  const bytesOut = metrics.bytesOut.labels('live');

  const send = (topic: string, text: string): number => {
    const receivers = sink.numSubscribers(topic);
    if (receivers === 0) return 0;
    sink.publish(topic, text, false, opts.compress);
    const bytes = Buffer.byteLength(text);
    framesOut.inc(receivers);
    bytesOut.inc(receivers * bytes);
    return bytes;
  };

  return {
    publish(frame) {
      metrics.lag.observe(Math.max(0, now() - frame.appendedMs) / 1000);
      let bytes = send(streamTopic(frame.stream), frame.text);
      if (NARROWED_STREAMS.has(frame.stream)) {
        if (frame.symbols.length === 0) bytes += send(symbollessTopic(frame.stream), frame.text);
        for (const symbol of frame.symbols) {
          const topic = symbolTopic(frame.stream, symbol);
          if (sink.numSubscribers(topic) > 0) bytes += send(topic, partFor(frame, symbol));
        }
      }
      // The per-symbol texts are built; the parsed data is no longer needed (replay cache stays small).
      frame.data = undefined;
      return bytes;
    },
  };
}
