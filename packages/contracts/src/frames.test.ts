import { Value } from 'typebox/value';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { decode } from './decode';
import { loadSamples } from './decode/samples.fixture';
import type { EventKind, EventOf, Indicator, NormalizedEvent, Pattern, SessionStopped } from './events';
import type { Stream as StreamType, SubscribeOp as SubscribeOpType } from './frames';
import {
  criticalAlertData,
  errorFrame,
  frameOf,
  indicatorAlertData,
  indicatorsBatch,
  patternItem,
  patternsBatch,
  PONG_FRAME,
  resyncRequiredFrame,
  sessionStoppedData,
  streamOf,
  symbolOf,
  welcomeData,
} from './frame-builders';
import { ClientOp, ServerFrame, STREAMS, type ServerEvent } from './frames';

const events: NormalizedEvent[] = loadSamples().flatMap((s) => {
  const r = decode(s.channel, s.text);
  return r.ok ? r.events : [];
});
function first<K extends EventKind>(kind: K): EventOf<K>['data'] {
  const e = events.find((x) => x.kind === kind);
  if (e === undefined) throw new Error(`no sample event of kind ${kind}`);
  return e.data as EventOf<K>['data'];
}

describe(frameOf.name, () => {
  it.each(events.map((e) => [e.kind, e] as const))('builds a %s frame the ServerFrame schema accepts', (_kind, event) => {
    const sut = frameOf(event);
    expect([...Value.Errors(ServerFrame, sut)]).toEqual([]);
  });

  it('sends a pattern as {type, key SYMBOL:NAME, detection} (CONTRACT.md)', () => {
    const p = first('pattern');
    expect(frameOf({ kind: 'pattern', data: p })).toEqual({ event: 'streaming_pattern', data: { type: 'streaming_pattern', key: `${p.symbol}:${p.pattern_type}`, detection: p } });
    expect(patternItem(p).key).toBe('NVDA:PriceChange');
  });

  it('sends an indicator as {type, key, calculation}', () => {
    const i = first('indicator');
    expect(frameOf({ kind: 'indicator', data: i })).toEqual({ event: 'streaming_indicator', data: { type: 'streaming_indicator', key: 'BRK.B:SMA5', calculation: i } });
  });

  it('sends session start and stop as streaming_session with the contract fields', () => {
    const started = first('session_started');
    expect(frameOf({ kind: 'session_started', data: started })).toEqual({ event: 'streaming_session', data: { type: 'streaming_session_started', session: started } });
    const stopped = first('session_stopped');
    expect(frameOf({ kind: 'session_stopped', data: stopped })).toEqual({ event: 'streaming_session', data: sessionStoppedData(stopped) });
    expect(sessionStoppedData(stopped)).toEqual({
      type: 'streaming_session_stopped',
      session_id: stopped.session_id,
      stopped_at: stopped.stopped_at,
      duration_seconds: stopped.duration_seconds,
      total_patterns: stopped.total_patterns,
      total_indicators: stopped.total_indicators,
      final_status: stopped.final_status,
    });
  });

  it('adds a stop reason only when the producer gave one', () => {
    const stopped: SessionStopped = { session_id: 's', stopped_at: '2025-10-03T13:35:00.000Z', duration_seconds: null, total_patterns: null, total_indicators: null, final_status: 'stopped', reason: 'test_complete' };
    expect(sessionStoppedData(stopped)).toMatchObject({ reason: 'test_complete' });
    expect(sessionStoppedData({ ...stopped, reason: undefined })).not.toHaveProperty('reason');
  });

  it('sends health as {type: streaming_health, health}', () => {
    const h = first('health');
    expect(frameOf({ kind: 'health', data: h })).toEqual({ event: 'streaming_health', data: { type: 'streaming_health', health: h } });
  });

  it('sends the envelope family as the normalized event itself', () => {
    for (const [kind, event] of [['envelope_pattern', 'pattern_alert'], ['backtest_progress', 'backtest_progress'], ['backtest_result', 'backtest_result'], ['system_health', 'system_health']] as const) {
      const data = first(kind);
      expect(frameOf({ kind, data } as NormalizedEvent)).toEqual({ event, data });
    }
  });
});

describe(indicatorAlertData.name, () => {
  it('holds alert:{id, alert_type, symbol, severity, data, timestamp, session_id} in that order', () => {
    const sut = indicatorAlertData(first('indicator_alert'));
    expect(sut.type).toBe('indicator_alert');
    expect(Object.keys(sut.alert)).toEqual(['id', 'alert_type', 'symbol', 'severity', 'data', 'timestamp', 'session_id']);
  });
});

describe(criticalAlertData.name, () => {
  it('holds alert:{id, type, message, severity, timestamp, data} in that order', () => {
    const sut = criticalAlertData(first('critical_alert'));
    expect(sut.type).toBe('critical_alert');
    expect(Object.keys(sut.alert)).toEqual(['id', 'type', 'message', 'severity', 'timestamp', 'data']);
  });
});

describe(patternsBatch.name, () => {
  const patterns: Pattern[] = events.flatMap((e) => (e.kind === 'pattern' ? [e.data] : []));

  it('counts its items and carries dropped only when something was dropped', () => {
    const sut = patternsBatch(patterns, '2025-10-16T02:09:00.250Z');
    expect(sut).toEqual({ patterns: patterns.map(patternItem), count: patterns.length, timestamp: '2025-10-16T02:09:00.250Z' });
    expect(patternsBatch(patterns, '2025-10-16T02:09:00.250Z', 3).dropped).toBe(3);
    expect(Value.Check(ServerFrame, { event: 'streaming_patterns_batch', data: sut, seq: '1-0' })).toBe(true);
  });

  it('builds indicator batches the same way', () => {
    const indicators: Indicator[] = events.flatMap((e) => (e.kind === 'indicator' ? [e.data] : []));
    const sut = indicatorsBatch(indicators, '2025-10-16T02:09:00.250Z');
    expect(sut.count).toBe(indicators.length);
    expect(Value.Check(ServerFrame, { event: 'streaming_indicators_batch', data: sut })).toBe(true);
  });
});

describe('control frames', () => {
  it('are shaped as CONTRACT.md shows', () => {
    const welcome = { event: 'welcome', data: welcomeData(first('session_started'), first('health'), null, '2025-10-16T02:09:00.000Z') };
    for (const frame of [welcome, resyncRequiredFrame('history no longer covers since'), errorFrame('INVALID_FRAME', 'bad op'), PONG_FRAME]) {
      expect([...Value.Errors(ServerFrame, frame)]).toEqual([]);
    }
    expect(PONG_FRAME).toEqual({ event: 'pong' });
  });
});

describe(streamOf.name, () => {
  it.each([
    ['streaming_patterns_batch', 'patterns'],
    ['streaming_pattern', 'patterns'],
    ['streaming_indicators_batch', 'indicators'],
    ['streaming_indicator', 'indicators'],
    ['indicator_alert', 'alerts'],
    ['critical_alert', 'alerts'],
    ['streaming_session', 'session'],
    ['streaming_health', 'health'],
    ['pattern_alert', 'events'],
    ['backtest_progress', 'events'],
    ['backtest_result', 'events'],
    ['system_health', 'events'],
    ['welcome', null],
    ['resync_required', null],
    ['error', null],
    ['pong', null],
  ] as [ServerEvent, string | null][])('puts %s on stream %s', (event, stream) => {
    expect(streamOf(event)).toBe(stream);
  });

  it('uses only the six contract streams', () => {
    expect(STREAMS).toEqual(['patterns', 'indicators', 'alerts', 'session', 'health', 'events']);
  });
});

describe(symbolOf.name, () => {
  it('names the symbol of pattern, indicator and alert frames, and none for the rest', () => {
    expect(symbolOf(frameOf({ kind: 'pattern', data: first('pattern') }))).toBe('NVDA');
    expect(symbolOf(frameOf({ kind: 'indicator_alert', data: first('indicator_alert') }))).toBe('AAPL');
    expect(symbolOf(frameOf({ kind: 'health', data: first('health') }))).toBeNull();
  });
});

describe('ClientOp', () => {
  it.each([
    [{ op: 'subscribe', streams: ['patterns', 'alerts'], symbols: ['NVDA', 'brk.b'] }],
    [{ op: 'subscribe', streams: ['events'] }],
    [{ op: 'unsubscribe', streams: ['health'], symbols: [] }],
    [{ op: 'resume', since: '1760580000000-0' }],
    [{ op: 'ping' }],
  ])('accepts %j', (op) => {
    expect(Value.Check(ClientOp, op)).toBe(true);
  });

  it.each([
    [{ op: 'subscribe', streams: ['bananas'] }],
    [{ op: 'subscribe', streams: ['patterns', 'patterns'] }],
    [{ op: 'subscribe', streams: ['patterns'], symbols: ['<script>'] }],
    [{ op: 'subscribe', streams: ['patterns'], symbols: Array.from({ length: 1001 }, (_, i) => `S${i}`) }],
    [{ op: 'resume' }],
    [{ op: 'resume', since: '' }],
    [{ op: 'shutdown' }],
    [{}],
  ])('rejects %j', (op) => {
    expect(Value.Check(ClientOp, op)).toBe(false);
  });
});

describe('client op types', () => {
  it('types a subscription’s streams as the stream names, not never[]', () => {
    expectTypeOf<SubscribeOpType['streams']>().toEqualTypeOf<StreamType[]>();
  });
});
