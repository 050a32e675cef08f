import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../channels';
import { decodeBacktestProgress, decodeBacktestResult } from './backtest';
import { decodeEnvelopePattern } from './envelope-pattern';
import { decodeSystemHealth } from './system-health';
import { rejected, single } from './test-helpers.fixture';

describe(decodeEnvelopePattern.name, () => {
  const E = CHANNELS.eventsPatterns;

  it('reads a flat envelope (the body at the top level)', () => {
    const sut = single('envelope_pattern', E, { event_type: 'pattern_detected', source: 'TickStockPL', timestamp: 1760580000.5, symbol: 'aapl', pattern: 'Gap', tier: 'daily' });
    expect(sut.data).toMatchObject({ symbol: 'AAPL', pattern: 'Gap', confidence: null, source: 'TickStockPL', event_type: 'pattern_detected', data: { tier: 'daily' } });
  });

  it('reads data.data (one level of nesting) and keeps the wrapper fields', () => {
    const sut = single('envelope_pattern', E, { event_type: 'pattern_detected', timestamp: 1760580000, data: { flow_id: 'f', data: { symbol: 'A', pattern: 'B' } } });
    expect(sut.data.data).toEqual({ flow_id: 'f' });
    expect(sut.data.timestamp).toBe('2025-10-16T02:00:00.000Z');
  });

  it('rejects a body without a symbol or a name', () => {
    expect(rejected(E, { event_type: 'pattern_detected', data: { pattern: 'Gap' } })).toEqual({ reason: 'missing_field', detail: 'symbol: missing' });
    expect(rejected(E, { event_type: 'pattern_detected', data: { symbol: 'A' } })).toEqual({ reason: 'missing_field', detail: 'pattern: missing' });
  });

  it('rejects a confidence outside [0, 1]', () => {
    expect(rejected(E, { data: { symbol: 'A', pattern: 'B', confidence: 85 } }).reason).toBe('invalid_field');
  });
});

describe(decodeBacktestProgress.name, () => {
  const B = CHANNELS.eventsBacktestProgress;

  it('requires a job_id', () => {
    expect(rejected(B, { event_type: 'backtest_progress', progress: 0.5 })).toEqual({ reason: 'missing_field', detail: 'job_id: missing' });
  });

  it('reads an integer job_id as text', () => {
    expect(single('backtest_progress', B, { job_id: 42, progress: 0.5, timestamp: 1760580100 }).data.job_id).toBe('42');
  });

  it('rejects a progress given as a percentage', () => {
    expect(rejected(B, { job_id: 'j', progress: 35 })).toEqual({ reason: 'invalid_field', detail: 'progress: must be a number in [0, 1], got 35' });
  });

  it('reads a body nested under data', () => {
    expect(single('backtest_progress', B, { event_type: 'backtest_progress', timestamp: 1760580100, data: { job_id: 'j', progress: 1 } }).data.progress).toBe(1);
  });
});

describe(decodeBacktestResult.name, () => {
  it('defaults missing results to {}', () => {
    expect(single('backtest_result', CHANNELS.eventsBacktestResults, { job_id: 'j', status: 'failed', timestamp: 1760580300 }).data.results).toEqual({});
  });
});

describe(decodeSystemHealth.name, () => {
  it('requires a status', () => {
    expect(rejected(CHANNELS.healthStatus, { event_type: 'system_health', metrics: {} })).toEqual({ reason: 'missing_field', detail: 'status: missing' });
  });
});
