import { CHANNELS, type NormalizedEvent, type ServerFrame } from '@tickstock/contracts';
import { createLogger } from '@tickstock/observability';
import { describe, expect, it } from 'vitest';
import { createStreamingBuffer } from '../buffer/streaming-buffer';
import { createIngestMetrics } from '../metrics';
import { createMessageHandler } from './message-handler';
import type { DeadLetter } from './ports';

function setup(bufferEnabled = true) {
  const frames: ServerFrame[] = [];
  const recorded: NormalizedEvent[] = [];
  const deadLetters: DeadLetter[] = [];
  const sessions: string[] = [];
  const metrics = createIngestMetrics();
  const sut = createMessageHandler({
    buffer: createStreamingBuffer({ enabled: bufferEnabled, maxBufferSize: 100, maxBatchSize: 20, priorityConfidence: 0.8 }),
    frames: { publish: (f) => frames.push(f) },
    events: { record: (e) => recorded.push(e) },
    deadLetters: { add: (d) => deadLetters.push(d) },
    state: { sessionStarted: (s) => sessions.push(`start ${s.session_id}`), sessionStopped: (s) => sessions.push(`stop ${s.session_id}`), health: () => undefined },
    metrics,
    log: createLogger({ name: 'test', level: 'silent' }),
    now: () => Date.parse('2025-10-16T02:08:05.000Z'),
  });
  const value = async (name: string, labels: Record<string, string>) =>
    (await metrics.registry.getSingleMetric(name)?.get())?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value ?? 0;
  return { sut, frames, recorded, deadLetters, sessions, value };
}

const highPattern = JSON.stringify({ type: 'streaming_pattern', detection: { pattern: 'Hammer', symbol: 'jpm', confidence: 0.82, timestamp: '2025-10-16T02:08:04+00:00' } });

describe(createMessageHandler.name, () => {
  it('sends a high-confidence pattern at once as streaming_pattern, and its copy on the other channel is deduplicated', async () => {
    const { sut, frames, recorded, value } = setup();
    sut(CHANNELS.patternsDetected, highPattern);
    sut(CHANNELS.patternsStreaming, highPattern);
    expect(frames.map((f) => f.event)).toEqual(['streaming_pattern']);
    expect(recorded).toHaveLength(2); // both copies go to the store, which keeps one (same id)
    expect(recorded[0]?.data).toEqual(recorded[1]?.data);
    expect(await value('ingest_events_deduplicated_total', { stream: 'patterns' })).toBe(1);
  });

  it('queues a normal pattern for the next batch instead of sending it', () => {
    const { sut, frames } = setup();
    sut(CHANNELS.patternsStreaming, highPattern.replace('0.82', '0.5'));
    expect(frames).toEqual([]);
  });

  it('sends session, health and alerts at once, bypassing the buffer', () => {
    const { sut, frames, sessions } = setup();
    sut(CHANNELS.sessionStarted, JSON.stringify({ type: 'streaming_session_started', session: { session_id: 's1', universe: 'u', started_at: '2025-10-07T12:14:54Z' } }));
    sut(CHANNELS.alertsIndicators, JSON.stringify({ alert_type: 'RSI_OVERBOUGHT', symbol: 'NVDA', timestamp: '2025-10-07T12:15:00Z', data: { value: 75 } }));
    expect(frames.map((f) => f.event)).toEqual(['streaming_session', 'indicator_alert']);
    expect(sessions).toEqual(['start s1']);
  });

  it('never makes a session from a session event without a session id; it is dead-lettered and counted', async () => {
    const { sut, frames, sessions, deadLetters, value } = setup();
    sut(CHANNELS.sessionStarted, JSON.stringify({ type: 'streaming_session_started', session: { universe: 'u' } }));
    expect(frames).toEqual([]);
    expect(sessions).toEqual([]);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]?.reason).toBe('missing_field');
    expect(await value('ingest_messages_rejected_total', { channel: CHANNELS.sessionStarted, reason: 'missing_field' })).toBe(1);
  });

  it('dead-letters invalid JSON with its channel and raw text, and keeps handling the next message', () => {
    const { sut, deadLetters, frames } = setup();
    sut(CHANNELS.health, '{not json');
    sut(CHANNELS.patternsDetected, highPattern);
    expect(deadLetters).toMatchObject([{ channel: CHANNELS.health, reason: 'invalid_json', raw: '{not json' }]);
    expect(frames).toHaveLength(1);
  });

  it('sends every pattern and indicator at once when buffering is off', () => {
    const { sut, frames } = setup(false);
    sut(CHANNELS.patternsStreaming, highPattern.replace('0.82', '0.5'));
    sut(CHANNELS.indicatorsStreaming, JSON.stringify({ type: 'streaming_indicator', calculation: { indicator: 'RSI', symbol: 'NVDA', value: 55.5, timestamp: '2025-10-16T02:08:04Z' } }));
    expect(frames.map((f) => f.event)).toEqual(['streaming_pattern', 'streaming_indicator']);
  });
});
