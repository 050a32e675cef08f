import { CHANNELS } from '@tickstock/contracts';
import { waitFor } from '@tickstock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../src';
import { startHarness, type Harness } from './support';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const STREAM_CHANNELS = new Set<string>([CHANNELS.patternsStreaming, CHANNELS.patternsDetected, CHANNELS.indicatorsStreaming]);

describe('load on Redis', () => {
  it('publishes exactly rate × duration events at the rate asked for', async () => {
    const { heard } = await h.listen();
    const sut = createSimulator({ bus: h.bus, scenario: { name: 'load', rate: 400, symbols: 50, durationS: 2 }, format: 'mixed' });
    await sut.start();
    const report = await sut.finished;
    await waitFor(() => heard.some((m) => m.channel === CHANNELS.sessionStopped), { what: 'the session to stop' });

    expect(heard.filter((m) => STREAM_CHANNELS.has(m.channel))).toHaveLength(800);
    expect(report).toMatchObject({ completed: true, events: 800, failed: 0 });
    // Paced, not dumped: 800 events over ~2 s.
    expect(report.elapsedMs).toBeGreaterThanOrEqual(1990);
    expect(report.eventsPerSecond).toBeGreaterThan(400 * 0.9);
    expect(report.eventsPerSecond).toBeLessThan(400 * 1.05);
    const symbols = new Set(heard.map((m) => /"symbol":\s*"([^"]+)"/.exec(m.text)?.[1]).filter(Boolean));
    expect(symbols.size).toBe(50);
  });
});
