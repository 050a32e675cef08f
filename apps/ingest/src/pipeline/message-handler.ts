// One TickStockPL message in: decode, count, dead-letter what is rejected, and route every
// accepted event — patterns and indicators to the streaming buffer, everything else straight
// out as its own frame (TICKSTOCKPL-FORMATS.md, "The 12 channels": they bypass the buffer).
import { decode, frameOf, type NormalizedEvent } from '@tickstock/contracts';
import type { Logger } from '@tickstock/observability';
import type { Emission, StreamingBuffer } from '../buffer/streaming-buffer';
import type { IngestMetrics } from '../metrics';
import { frameOfEmission } from './emission-frame';
import type { DeadLetters, EventLog, FrameSink, LiveState } from './ports';

export type MessageHandlerDeps = {
  buffer: StreamingBuffer;
  frames: FrameSink;
  events: EventLog;
  deadLetters: DeadLetters;
  state: LiveState;
  metrics: IngestMetrics;
  log: Logger;
  now?: () => number;
};

export type MessageHandler = (channel: string, text: string) => void;

export function createMessageHandler(deps: MessageHandlerDeps): MessageHandler {
  const { buffer, frames, events, deadLetters, state, metrics, log } = deps;
  const now = deps.now ?? Date.now;

  function emit(emission: Emission): void {
    frames.publish(frameOfEmission(emission, new Date(now()).toISOString()));
    metrics.sent.inc({ stream: emission.kind === 'pattern' ? 'patterns' : 'indicators' });
  }

  function route(event: NormalizedEvent): void {
    switch (event.kind) {
      case 'pattern': {
        const { outcome, emission } = buffer.offerPattern(event.data);
        if (emission) emit(emission);
        if (outcome === 'deduplicated') metrics.deduplicated.inc({ stream: 'patterns' });
        return;
      }
      case 'indicator': {
        const { outcome, emission } = buffer.offerIndicator(event.data);
        if (emission) emit(emission);
        if (outcome === 'deduplicated') metrics.deduplicated.inc({ stream: 'indicators' });
        return;
      }
      case 'session_started':
        state.sessionStarted(event.data);
        break;
      case 'session_stopped':
        state.sessionStopped(event.data);
        break;
      case 'health':
        state.health(event.data);
        break;
      case 'indicator_alert':
      case 'critical_alert':
      case 'envelope_pattern':
      case 'backtest_progress':
      case 'backtest_result':
      case 'system_health':
        break;
    }
    frames.publish(frameOf(event));
    metrics.sent.inc({ stream: event.kind });
  }

  return (channel, text) => {
    const at = now();
    metrics.received.inc({ channel });
    const result = decode(channel, text, new Date(at));
    if (!result.ok) {
      metrics.rejected.inc({ channel, reason: result.reason });
      deadLetters.add({ channel, reason: result.reason, detail: result.detail, raw: text, at });
      log.debug({ channel, reason: result.reason, detail: result.detail }, 'message rejected');
      return;
    }
    for (const rejection of result.itemRejections) {
      metrics.rejected.inc({ channel, reason: rejection.reason });
      deadLetters.add({ channel, reason: rejection.reason, detail: rejection.detail, raw: text, at });
    }
    for (const event of result.events) {
      metrics.accepted.inc({ kind: event.kind });
      events.record(event, at);
      route(event);
    }
  };
}
