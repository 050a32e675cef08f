import { createMemoryBus } from '@tickstock/bus';
import { SERVICE_KEYS, type NormalizedEvent } from '@tickstock/contracts';
import { createLogger } from '@tickstock/observability';
import { waitFor } from '@tickstock/testing';
import { describe, expect, it } from 'vitest';
import { createIngestMetrics } from '../metrics';
import { createEventLog } from '../out/event-log';
import { createStoreWriter, reportTo } from './store-writer';

const indicator = (i: number): NormalizedEvent => ({
  kind: 'indicator',
  data: { id: `ind_${i}`, indicator_type: 'RSI', symbol: 'NVDA', value: i, values: {}, timestamp: '2026-11-27T12:00:00.000Z', timeframe: '1min', metadata: {}, session_id: null },
});

describe(createStoreWriter.name, () => {
  it('runs one read loop at a time when restarted while a batch is still being stored (a leadership flap)', async () => {
    const bus = createMemoryBus({ prefix: 't:' });
    const metrics = createIngestMetrics();
    let inFlight = 0;
    let maxInFlight = 0;
    const stored: string[] = [];
    const store = {
      async store(events: readonly NormalizedEvent[]) {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 30));
        for (const e of events) stored.push((e.data as { id: string }).id);
        inFlight--;
        return { intraday_indicators: events.length };
      },
    };
    const events = createEventLog(bus, { maxLen: 1000, maxEvents: 10, onLost: () => undefined });
    events.setTerm(1);
    for (let i = 0; i < 200; i++) events.record(indicator(i), Date.now());
    await events.flush();
    const sut = createStoreWriter({ bus, store, report: reportTo(metrics), log: createLogger({ name: 't', level: 'silent' }), consumer: 'c1', entriesPerRead: 2 });

    sut.start();
    await waitFor(() => inFlight > 0, { what: 'the first batch in the store' });
    // What app.ts does when the lease lapses and is taken again at once: stop (not awaited), start.
    void sut.stop();
    sut.start();
    await waitFor(() => stored.length >= 200, { what: 'every event stored' });
    await sut.stop();

    expect(maxInFlight).toBe(1);
    expect(new Set(stored).size).toBe(200);
    const lost = (await metrics.registry.getSingleMetric('ingest_events_persist_lost_total')?.get())?.values[0]?.value ?? 0;
    expect(lost).toBe(0);
    expect((await bus.streamInfo(SERVICE_KEYS.eventsStream)).length).toBe(0);
    await bus.close();
  });

  it('stores everything else when PostgreSQL refuses one event, which is dead-lettered and counted (no retry stall)', async () => {
    const bus = createMemoryBus({ prefix: 't:' });
    const metrics = createIngestMetrics();
    const stored = new Set<string>();
    let calls = 0;
    // Like PostgreSQL: the whole INSERT fails when one row holds what it cannot store (SQLSTATE 22P05).
    const store = {
      store(events: readonly NormalizedEvent[]) {
        calls++;
        if (events.some((e) => (e.data as { id: string }).id === 'ind_37')) {
          return Promise.reject(Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05' }));
        }
        for (const e of events) stored.add((e.data as { id: string }).id);
        return Promise.resolve({ intraday_indicators: events.length });
      },
    };
    const events = createEventLog(bus, { maxLen: 1000, maxEvents: 100, onLost: () => undefined });
    events.setTerm(1);
    for (let i = 0; i < 100; i++) events.record(indicator(i), Date.now());
    await events.flush();
    const sut = createStoreWriter({ bus, store, report: reportTo(metrics), log: createLogger({ name: 't', level: 'silent' }), consumer: 'c1' });

    sut.start();
    await waitFor(async () => (await bus.streamInfo(SERVICE_KEYS.eventsStream)).length === 0, { what: 'the entry stored and deleted' });
    await sut.stop();

    expect(stored.size).toBe(99);
    expect(stored.has('ind_37')).toBe(false);
    // Bisection: about 2·log2(100) inserts, not one per event, and none retried after a backoff.
    expect(calls).toBeLessThan(20);
    const value = async (name: string) => (await metrics.registry.getSingleMetric(name)?.get())?.values[0]?.value ?? 0;
    expect(await value('ingest_events_unstorable_total')).toBe(1);
    const dead = await bus.range(SERVICE_KEYS.deadLetterStream, '0', 10);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.fields).toMatchObject({ channel: 'ingest:store', reason: 'unstorable' });
    expect(JSON.parse(dead[0]!.fields.raw!)).toMatchObject({ kind: 'indicator', data: { id: 'ind_37' } });
    await bus.close();
  });
});
