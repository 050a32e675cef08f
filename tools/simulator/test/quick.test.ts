import { CHANNELS, decode, PRODUCER_HEARTBEAT_KEY, PRODUCER_ONLINE_WINDOW_MS } from '@tickstock/contracts';
import { waitFor } from '@tickstock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../src';
import { startHarness, type Harness } from './support';

const C = CHANNELS;
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('quick on Redis', () => {
  it('publishes exactly: start, 3 patterns (the high one on both channels), 5 indicators, RSI_OVERBOUGHT, health, stop', async () => {
    const { heard } = await h.listen();
    const sut = createSimulator({ bus: h.bus, scenario: { name: 'quick' }, seed: 5 });
    await sut.start();
    const report = await sut.finished;
    await waitFor(() => heard.length >= 13, { what: '13 messages' });

    expect(heard.map((m) => m.channel)).toEqual([
      C.sessionStarted,
      C.patternsStreaming,
      C.patternsStreaming,
      C.patternsDetected,
      C.patternsStreaming,
      C.indicatorsStreaming,
      C.indicatorsStreaming,
      C.indicatorsStreaming,
      C.indicatorsStreaming,
      C.indicatorsStreaming,
      C.alertsIndicators,
      C.health,
      C.sessionStopped,
    ]);
    const events = heard.map((m) => {
      const r = decode(m.channel, m.text);
      if (!r.ok) throw new Error(`${m.channel} rejected: ${r.detail}`);
      return r.events[0]!;
    });
    expect(events.map((e) => e.kind)).toEqual([
      'session_started', 'pattern', 'pattern', 'pattern', 'pattern',
      'indicator', 'indicator', 'indicator', 'indicator', 'indicator',
      'indicator_alert', 'health', 'session_stopped',
    ]);
    expect(events.filter((e) => e.kind === 'indicator').map((e) => e.data.indicator_type)).toEqual(['RSI', 'SMA5', 'SMA20', 'MACD', 'BollingerBands']);
    expect(events[10]).toMatchObject({ kind: 'indicator_alert', data: { alert_type: 'RSI_OVERBOUGHT' } });
    // The high-confidence detection is one detection delivered twice: same id.
    expect(events[2]).toMatchObject({ kind: 'pattern', data: { priority: 'high' } });
    expect(events[3]).toEqual(events[2]);
    // One session from start to stop.
    const first = events[0]!;
    const started = first.kind === 'session_started' ? first.data.session_id : 'not a session start';
    expect(events[12]).toMatchObject({ kind: 'session_stopped', data: { session_id: started } });
    expect(report).toMatchObject({ completed: true, messages: 13, failed: 0 });
  });

  it('sets the producer heartbeat, unprefixed, fresh, and refreshes it while running', async () => {
    await h.bus.del(PRODUCER_HEARTBEAT_KEY);
    const sut = createSimulator({ bus: h.bus, scenario: { name: 'session' }, heartbeatMs: 100 });
    await sut.start();
    try {
      const first = Number(await h.bus.getRaw(PRODUCER_HEARTBEAT_KEY));
      const ageMs = Date.now() - first * 1000;
      expect(ageMs).toBeGreaterThanOrEqual(-5);
      expect(ageMs).toBeLessThan(PRODUCER_ONLINE_WINDOW_MS);
      expect(ageMs).toBeLessThan(1000);
      await waitFor(async () => Number(await h.bus.getRaw(PRODUCER_HEARTBEAT_KEY)) > first, { timeoutMs: 3000, what: 'a refreshed heartbeat' });
    } finally {
      await sut.stop();
    }
  });
});
