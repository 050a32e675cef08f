// Every TickStockPL sample in → the exact frames out, through real Redis and PostgreSQL.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CHANNELS, decode, frameOf, SERVICE_KEYS, type NormalizedEvent, type ServerFrame } from '@tickstock/contracts';
import { waitFor } from '@tickstock/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './support';

type Sample = { name: string; channel: string; payload: unknown };
const require = createRequire(import.meta.url);
const samples: Sample[] = readFileSync(require.resolve('@tickstock/contracts/test-fixtures/tickstockpl/samples.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Sample);

/** What the decoder (pinned field by field in contracts' tests) makes of a sample. */
function eventsOf(name: string): NormalizedEvent[] {
  const s = samples.find((x) => x.name === name)!;
  const r = decode(s.channel, JSON.stringify(s.payload));
  if (!r.ok) throw new Error(`${name} should decode`);
  return r.events;
}

describe('ingest with every TickStockPL sample', () => {
  let stack: Stack;
  let frames: (ServerFrame & { seq: string })[];

  beforeAll(async () => {
    stack = await startStack(import.meta.url, { STREAMING_BUFFER_INTERVAL: '1000' });
    for (const s of samples) await stack.publish(s.channel, s.payload);
    // 25 good samples → 15 frames at once + the normal patterns' and the indicators' batches.
    frames = await waitFor(
      async () => {
        const all = await stack.frames();
        const items = all.reduce(
          (n, f) => n + (f.event === 'streaming_patterns_batch' || f.event === 'streaming_indicators_batch' ? f.data.count : 0),
          0,
        );
        return items === 7 ? all : undefined;
      },
      { what: 'every sample to leave as a frame' },
    );
  });
  afterAll(() => stack?.close());

  it('sends the bypassing events at once, in arrival order, exactly as the contract frames them', () => {
    const immediate = frames.filter((f) => !f.event.endsWith('_batch')).map(({ seq: _seq, ...f }) => f);
    const expected: ServerFrame[] = [
      ...['session_started.C', 'session_started.A', 'session_stopped.C', 'session_stopped.A', 'health.C', 'health.A'].flatMap(eventsOf).map(frameOf),
      frameOf(eventsOf('pattern.C.high.detected')[0]!), // the copy on :streaming is the same detection
      ...eventsOf('pattern.B.batch').map(frameOf), // 0.91 and 0.88: priority, sent one by one
      ...['alert.indicator.flat', 'alert.indicator.wrapped', 'alert.critical.flat', 'alert.critical.wrapped'].flatMap(eventsOf).map(frameOf),
      ...['envelope.pattern', 'envelope.pattern.nested', 'backtest.progress', 'backtest.result', 'system.health'].flatMap(eventsOf).map(frameOf),
    ];
    expect(immediate.map((f) => f.event)).toEqual([
      ...Array(4).fill('streaming_session'),
      'streaming_health',
      'streaming_health',
      'streaming_pattern',
      'streaming_pattern',
      'streaming_pattern',
      'indicator_alert',
      'indicator_alert',
      'critical_alert',
      'critical_alert',
      'pattern_alert',
      'pattern_alert',
      'backtest_progress',
      'backtest_result',
      'system_health',
    ]);
    expect(immediate).toEqual(expected);
  });

  it('batches the normal patterns and the indicators with keys SYMBOL:NAME and count = items', () => {
    const batches = frames.filter((f) => f.event === 'streaming_patterns_batch' || f.event === 'streaming_indicators_batch');
    const patternKeys = batches.flatMap((f) => (f.event === 'streaming_patterns_batch' ? f.data.patterns.map((p) => p.key) : []));
    const indicatorKeys = batches.flatMap((f) => (f.event === 'streaming_indicators_batch' ? f.data.indicators.map((i) => i.key) : []));
    expect(patternKeys).toEqual(['NVDA:PriceChange', 'AAPL:Doji', 'MSFT:BullishEngulfing']);
    expect(indicatorKeys).toEqual(['BRK.B:SMA5', 'AAPL:RSI', 'WMT:MACD', 'TSLA:BollingerBands']);
    for (const b of batches) {
      if (b.event === 'streaming_patterns_batch') expect(b.data.count).toBe(b.data.patterns.length);
      if (b.event === 'streaming_indicators_batch') expect(b.data.count).toBe(b.data.indicators.length);
      if ('data' in b) expect('dropped' in b.data).toBe(false); // nothing was dropped, so the contract says no field
    }
    const items = batches.flatMap((f) => (f.event === 'streaming_patterns_batch' ? f.data.patterns.map((p) => p.detection) : []));
    expect(items).toEqual(['pattern.C', 'pattern.A', 'pattern.B'].flatMap(eventsOf).map((e) => e.data));
  });

  it('dead-letters the five bad samples with their reasons, and counts them', async () => {
    const letters = await waitFor(async () => {
      const entries = await stack.bus.range(SERVICE_KEYS.deadLetterStream, '0', 100);
      return entries.length === 5 ? entries.map((e) => e.fields) : undefined;
    }, { what: 'five dead letters' });
    expect(letters.map((l) => [l.channel, l.reason])).toEqual([
      [CHANNELS.sessionStarted, 'junk'],
      [CHANNELS.patternsStreaming, 'junk'],
      [CHANNELS.indicatorsStreaming, 'not_object'],
      [CHANNELS.patternsStreaming, 'invalid_field'],
      [CHANNELS.patternsStreaming, 'invalid_field'],
    ]);
    expect(letters[2]?.raw).toBe('42');
    expect(await stack.metric('ingest_messages_rejected_total')).toBe(5);
    expect(await stack.metric('ingest_messages_received_total')).toBe(samples.length);
  });

  it('stores every accepted event in PostgreSQL, the double-published detection once', async () => {
    const counts = async () => {
      const q = async (table: string) => Number((await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(stack.db)).rows[0]!.n);
      return {
        patterns: await q('intraday_patterns'),
        indicators: await q('intraday_indicators'),
        alerts: await q('alerts'),
        health: await q('streaming_health'),
        sessions: await q('streaming_sessions'),
        producer: await q('producer_events'),
      };
    };
    const expected = { patterns: 6, indicators: 4, alerts: 4, health: 2, sessions: 2, producer: 5 };
    await waitFor(async () => JSON.stringify(await counts()) === JSON.stringify(expected), { what: 'every event stored' });
    expect(await counts()).toEqual(expected);
  });

  it('keeps the stopped session stopped: the state others read has no active session', async () => {
    const state = await stack.bus.hgetall(SERVICE_KEYS.liveState);
    expect(state.session).toBe('');
    expect(JSON.parse(state.health!)).toMatchObject({ session_id: '52c2d79f-bce9-403d-b2d4-f61984156adb', status: 'degraded' });
  });
});
