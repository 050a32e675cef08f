import { ALL_CHANNELS, CHANNELS, decode } from '@tickstock/contracts';
import { describe, expect, it } from 'vitest';
import type { Scheduled } from '../pacing/schedule';
import { formatsScenario } from './formats';
import { loadScenario } from './load';
import { quickScenario } from './quick';
import { SESSION_MIX, sessionScenario } from './session';
import { drain, scenarioOf } from './test-helpers.fixture';

const C = CHANNELS;

describe(quickScenario.name, () => {
  it('publishes start, 3 patterns (one on both channels), 5 indicators, RSI_OVERBOUGHT, health, stop', () => {
    const sent = drain(scenarioOf({ name: 'quick' }));
    expect(sent.map((m) => m.channel)).toEqual([
      C.sessionStarted,
      C.patternsStreaming,
      C.patternsStreaming,
      C.patternsDetected,
      C.patternsStreaming,
      ...Array<string>(5).fill(C.indicatorsStreaming),
      C.alertsIndicators,
      C.health,
      C.sessionStopped,
    ]);
    expect(sent[2]!.text).toBe(sent[3]!.text);
    expect(JSON.parse(sent[10]!.text)).toMatchObject({ alert_type: 'RSI_OVERBOUGHT' });
  });

  it('sends the indicators one of each kind with values of their kind', () => {
    const sent = drain(scenarioOf({ name: 'quick' }, 'A')).filter((m) => m.channel === C.indicatorsStreaming);
    const values = sent.map((m) => (JSON.parse(m.text) as { calculation: { values: Record<string, number> } }).calculation.values);
    expect(values.map((v) => Object.keys(v).sort())).toEqual([['value'], ['sma_20', 'sma_50'], ['sma_20', 'sma_50'], ['histogram', 'macd', 'signal'], ['lower', 'middle', 'upper']]);
    expect(values[0]!.value).toBeGreaterThanOrEqual(0);
    expect(values[0]!.value).toBeLessThanOrEqual(100);
    expect(values[4]!.upper).toBeGreaterThan(values[4]!.lower!);
  });
});

describe(sessionScenario.name, () => {
  const durationS = 2000;
  const sent = drain(scenarioOf({ name: 'session', durationS }, 'C', 11));
  const seconds = (channel: string) => new Set(sent.filter((m) => m.channel === channel).map((m) => Math.floor(m.atMs / 1000))).size;

  it('starts first and stops last, at the duration', () => {
    expect(sent[0]!.channel).toBe(C.sessionStarted);
    expect(sent.at(-1)).toMatchObject({ channel: C.sessionStopped, atMs: durationS * 1000 });
    expect(sent.filter((m) => m.channel === C.sessionStopped)).toHaveLength(1);
  });

  it('has patterns in about 30% of seconds and indicators in about 70%', () => {
    expect(seconds(C.patternsStreaming) / durationS).toBeCloseTo(SESSION_MIX.patternShare, 1);
    expect(seconds(C.indicatorsStreaming) / durationS).toBeCloseTo(SESSION_MIX.indicatorShare, 1);
  });

  it('reports health every 10 s', () => {
    const times = sent.filter((m) => m.channel === C.health).map((m) => m.atMs);
    expect(times).toHaveLength(durationS / 10);
    times.forEach((t, i) => expect(t).toBe(i * 10_000 + 500));
  });

  it('sends each high-confidence detection on both pattern channels with the same text', () => {
    const detected = sent.filter((m) => m.channel === C.patternsDetected);
    expect(detected.length).toBeGreaterThan(0);
    const streaming = new Set(sent.filter((m) => m.channel === C.patternsStreaming).map((m) => m.text));
    for (const d of detected) expect(streaming).toContain(d.text);
  });

  it('keeps time in order', () => {
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.atMs).toBeGreaterThanOrEqual(sent[i - 1]!.atMs);
  });

  it('has no end without a duration, and ends its session only once it began', () => {
    const endless = scenarioOf({ name: 'session' });
    expect(endless.onEarlyStop?.(new Date())).toEqual([]);
    const items = (endless.schedule as Iterable<Scheduled>)[Symbol.iterator]();
    const start = items.next();
    if (start.done !== false) throw new Error('a session begins with its start');
    start.value.make(new Date());
    for (let i = 0; i < 10_000; i++) expect(items.next().done).toBe(false);
    expect(endless.onEarlyStop?.(new Date()).map((m) => m.channel)).toEqual([C.sessionStopped]);
  });
});

describe(loadScenario.name, () => {
  it('publishes exactly rate × duration stream events, evenly spread, inside one session', () => {
    const sent = drain(scenarioOf({ name: 'load', rate: 300, symbols: 40, durationS: 5 }, 'mixed'));
    const events = sent.filter((m) => m.label.startsWith('pattern.') || m.label.startsWith('indicator.'));
    expect(events).toHaveLength(1500);
    expect(new Set(events.map((m) => JSON.parse(m.text) as object).map((o) => JSON.stringify(o).match(/"symbol":"([^"]+)"/)?.[1])).size).toBe(40);
    // i-th event due at i/rate s (a pair shares its first slot's time).
    expect(events.at(-1)!.atMs).toBeLessThan(5000);
    expect(events.filter((m) => m.atMs < 2500).length).toBeCloseTo(750, -1);
    expect(sent[0]!.channel).toBe(C.sessionStarted);
    expect(sent.at(-1)!.channel).toBe(C.sessionStopped);
  });

  it('keeps the count exact when the last slot would be a high-confidence pair', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const events = drain(scenarioOf({ name: 'load', rate: 7, symbols: 5, durationS: 1 }, 'C', seed)).filter((m) => m.label.startsWith('pattern.') || m.label.startsWith('indicator.'));
      expect(events, `seed ${seed}`).toHaveLength(7);
    }
  });
});

describe(formatsScenario.name, () => {
  const sent = drain(scenarioOf({ name: 'formats' }));

  it('sends every generation the format doc describes', () => {
    const labels = new Set(sent.map((m) => m.label));
    for (const label of [
      'session_started.C', 'session_started.A', 'session_stopped.C', 'session_stopped.A', 'health.C', 'health.A',
      'pattern.C', 'pattern.C.high', 'pattern.A', 'pattern.A.high', 'pattern.B', 'pattern.B.high', 'pattern.B.batch.streaming', 'pattern.B.batch.detected',
      'indicator.C.RSI', 'indicator.C.SMA5', 'indicator.C.SMA20', 'indicator.C.MACD', 'indicator.C.BollingerBands',
      'indicator.A.RSI', 'indicator.A.SMA5', 'indicator.A.MACD', 'indicator.A.BollingerBands',
      'alert.indicator.flat.C', 'alert.indicator.flat.A', 'alert.indicator.wrapped', 'alert.critical.flat.C', 'alert.critical.flat.A', 'alert.critical.wrapped',
      'envelope.pattern.nesting0', 'envelope.pattern.nesting1', 'envelope.pattern.nesting2', 'envelope.pattern.nesting3',
      'backtest.progress', 'backtest.result', 'system.health',
    ]) {
      expect(labels, label).toContain(label);
    }
  });

  it('sends the old smoke test junk once on each of the 12 channels', () => {
    const junk = sent.filter((m) => m.label === 'junk');
    expect(junk.map((m) => m.channel).sort()).toEqual([...ALL_CHANNELS].sort());
    for (const m of junk) expect(m.text).toBe('{"test": true, "timestamp": 1700000000.5}');
  });

  it('nests envelope bodies as deep as the doc says they come, and decode finds them', () => {
    const deepest = sent.find((m) => m.label === 'envelope.pattern.nesting3')!;
    expect(JSON.parse(deepest.text)).toHaveProperty('data.data.data.symbol');
    expect(decode(deepest.channel, deepest.text)).toMatchObject({ ok: true, events: [{ kind: 'envelope_pattern' }] });
  });
});
