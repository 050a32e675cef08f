import type { Bus } from '@tickstock/bus';
import type { NormalizedEvent } from '@tickstock/contracts';
import { waitFor } from '@tickstock/testing';
import { describe, expect, it } from 'vitest';
import { createEventLog, EVENT_FIELDS } from './event-log';

const indicator = (i: number): NormalizedEvent => ({
  kind: 'indicator',
  data: { id: `ind_${i}`, indicator_type: 'RSI', symbol: 'NVDA', value: i, values: {}, timestamp: '2026-11-27T12:00:00.000Z', timeframe: '1min', metadata: {}, session_id: null },
});

/** Only `append`, failing while `down` (a Redis outage as the bus reports it). */
function flakyBus() {
  const appended: Record<string, string>[] = [];
  const state = { down: false, attempts: 0 };
  const bus = {
    append(_stream: string, fields: Record<string, string>) {
      state.attempts++;
      if (state.down) return Promise.reject(new Error('UNAVAILABLE'));
      appended.push(fields);
      return Promise.resolve(`${appended.length}-0`);
    },
  } as unknown as Bus;
  return { bus, appended, state };
}

const cumulativeOf = (fields: Record<string, string>) => Number(fields[EVENT_FIELDS.cumulative]);

describe(createEventLog.name, () => {
  it('appends entries that failed again once Redis is back, in order and before anything newer, losing nothing', async () => {
    const { bus, appended, state } = flakyBus();
    const lost: number[] = [];
    const sut = createEventLog(bus, { maxLen: 1000, maxEvents: 10, onLost: (_e, n) => lost.push(n) });
    sut.setTerm(1);
    state.down = true;
    for (let i = 0; i < 30; i++) sut.record(indicator(i), 0);
    await waitFor(() => state.attempts >= 4, { what: 'the retries to begin' });
    state.down = false;
    for (let i = 30; i < 50; i++) sut.record(indicator(i), 0);
    await sut.stop({ shutdown: true });

    expect(lost).toEqual([]);
    expect(appended.map(cumulativeOf)).toEqual([10, 20, 30, 40, 50]);
    const ids = appended.flatMap((f) => (JSON.parse(f[EVENT_FIELDS.batch]!) as { event: { data: { id: string } } }[]).map((e) => e.event.data.id));
    expect(ids).toEqual(Array.from({ length: 50 }, (_, i) => `ind_${i}`));
  });

  it('gives up a few seconds after stop() while Redis stays down, and counts what it gave up', async () => {
    const { bus, appended, state } = flakyBus();
    const lost: number[] = [];
    const sut = createEventLog(bus, { maxLen: 1000, maxEvents: 10, stopRetryMs: 300, onLost: (_e, n) => lost.push(n) });
    sut.setTerm(1);
    state.down = true;
    for (let i = 0; i < 25; i++) sut.record(indicator(i), 0);
    // A leadership change: retries go on in the background, nothing is given up.
    await sut.stop();
    expect(lost).toEqual([]);
    await sut.stop({ shutdown: true });
    expect(appended).toEqual([]);
    expect(lost.reduce((a, b) => a + b, 0)).toBe(25);
  });

  it('sends what waits under the old term when the term changes (never discards accepted events)', async () => {
    const { bus, appended } = flakyBus();
    const sut = createEventLog(bus, { maxLen: 1000, maxEvents: 100, onLost: () => undefined });
    sut.setTerm(1);
    for (let i = 0; i < 5; i++) sut.record(indicator(i), 0);
    sut.setTerm(null);
    await sut.stop({ shutdown: true });
    expect(appended).toHaveLength(1);
    expect(appended[0]).toMatchObject({ [EVENT_FIELDS.fence]: '1', [EVENT_FIELDS.count]: '5', [EVENT_FIELDS.cumulative]: '5' });
  });
});
