// Bad input never crashes the ingest, never reaches a frame, is dead-lettered with a reason and
// counted — and the next good message still goes through.
import { ALL_CHANNELS, CHANNELS, SERVICE_KEYS } from '@tickstock/contracts';
import { waitFor } from '@tickstock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEAD_LETTER_RAW_LIMIT } from '../src/out/dead-letters';
import { startStack, type Stack } from './support';

const goodAlert = { alert_type: 'RSI_OVERBOUGHT', symbol: 'NVDA', timestamp: '2025-10-16T02:08:04Z', data: { value: 75 } };

describe('ingest under bad input', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(import.meta.url);
  });
  afterAll(() => stack?.close());

  const deadLetters = async () => (await stack.bus.range(SERVICE_KEYS.deadLetterStream, '0', 1000)).map((e) => e.fields);

  it('rejects the smoke test junk on every one of the 12 channels as its own dead letter', async () => {
    for (const channel of ALL_CHANNELS) await stack.publish(channel, { test: true, timestamp: 1700000000.5 });
    const letters = await waitFor(async () => ((await deadLetters()).length >= 12 ? deadLetters() : undefined), { what: '12 dead letters' });
    expect(letters.map((l) => l.channel).sort()).toEqual([...ALL_CHANNELS].sort());
    expect(await stack.frames()).toEqual([]);
    const state = await stack.bus.hgetall(SERVICE_KEYS.liveState);
    expect(state.session ?? '').toBe(''); // junk on session_started never makes a session
  });

  it('rejects invalid JSON, non-objects and a 1 MB payload with their reasons', async () => {
    const before = (await deadLetters()).length;
    await stack.publish(CHANNELS.patternsStreaming, '{"type": "streaming_pattern", ');
    for (const text of ['42', '"x"', '[]', 'null']) await stack.publish(CHANNELS.indicatorsStreaming, text);
    const huge = JSON.stringify({ type: 'streaming_pattern', detection: { pattern: 'Doji', symbol: 'AAPL', pad: 'x'.repeat(1024 * 1024) } });
    await stack.publish(CHANNELS.patternsStreaming, huge);
    const letters = await waitFor(async () => {
      const all = await deadLetters();
      return all.length >= before + 6 ? all.slice(before) : undefined;
    }, { what: 'six more dead letters' });
    expect(letters.map((l) => l.reason)).toEqual(['invalid_json', 'not_object', 'not_object', 'not_object', 'not_object', 'too_large']);
    const big = letters[5]!;
    expect(big.raw).toHaveLength(DEAD_LETTER_RAW_LIMIT);
    expect(big.raw_length).toBe(String(huge.length));
    expect(await stack.metric('ingest_messages_rejected_total', { reason: 'too_large' })).toBe(1);
  });

  it('still serves: the next good message leaves as a frame and /readyz holds', async () => {
    await stack.publish(CHANNELS.alertsIndicators, goodAlert);
    const frames = await waitFor(async () => {
      const f = await stack.frames();
      return f.length === 1 ? f : undefined;
    }, { what: 'the alert frame' });
    expect(frames[0]).toMatchObject({ event: 'indicator_alert', data: { alert: { alert_type: 'RSI_OVERBOUGHT', symbol: 'NVDA' } } });
    expect((await stack.health.readiness()).ready).toBe(true);
  });

  it('accounts for every message: received = accepted + rejected', async () => {
    const received = await stack.metric('ingest_messages_received_total');
    const accepted = await stack.metric('ingest_events_accepted_total');
    const rejected = await stack.metric('ingest_messages_rejected_total');
    expect(received).toBe(12 + 6 + 1);
    expect(accepted + rejected).toBe(received);
  });
});
