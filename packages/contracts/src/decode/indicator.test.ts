import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../channels';
import { normalizeIndicator } from './indicator';
import { accepted, rejected, single } from './test-helpers.fixture';

const I = CHANNELS.indicatorsStreaming;
const c = (calculation: Record<string, unknown>) => ({ type: 'streaming_indicator', calculation: { indicator: 'RSI', symbol: 'AAPL', timestamp: '2025-10-16T02:02:00Z', timeframe: '1min', ...calculation } });

describe(normalizeIndicator.name, () => {
  it('keeps a scalar value and an empty values when only value exists', () => {
    const sut = single('indicator', I, c({ value: 70 }));
    expect([sut.data.value, sut.data.values]).toEqual([70, {}]);
  });

  it('takes values.value as the scalar when only values exists', () => {
    const sut = single('indicator', I, c({ values: { value: 75.5, signal: 70 } }));
    expect([sut.data.value, sut.data.values]).toEqual([75.5, { value: 75.5, signal: 70 }]);
  });

  it('keeps both when both exist, the scalar from value', () => {
    const sut = single('indicator', I, c({ value: 1, values: { value: 2, sma_20: 3 } }));
    expect([sut.data.value, sut.data.values]).toEqual([1, { value: 2, sma_20: 3 }]);
  });

  it('has a null scalar when only named values exist', () => {
    expect(single('indicator', I, c({ values: { sma_20: 1, sma_50: 2 } })).data.value).toBeNull();
  });

  it.each([
    ['neither value nor values', {}, { reason: 'missing_field', detail: 'value: missing' }],
    ['only an empty values', { values: {} }, { reason: 'missing_field', detail: 'value: missing' }],
    ['a string value', { value: '260.4' }, { reason: 'invalid_field', detail: 'value: not a number, got "260.4"' }],
    ['a string values.value', { values: { value: 'x' } }, { reason: 'invalid_field', detail: 'values.value: not a number, got "x"' }],
    ['a values that is not an object', { value: 1, values: [1] }, { reason: 'invalid_field', detail: 'values: not an object, got an array' }],
    ['no name', { indicator: undefined, value: 1 }, { reason: 'missing_field', detail: 'indicator: missing' }],
  ])('rejects an indicator with %s', (_what, calculation, expected) => {
    expect(rejected(I, c(calculation))).toEqual(expected);
  });

  it('reads a mock that puts the calculation under indicator{}', () => {
    const sut = single('indicator', I, { type: 'streaming_indicator', indicator: { indicator_type: 'SMA', symbol: 'msft', value: 1, timestamp: '2025-10-16T02:02:00Z', timeframe: '1min' } });
    expect([sut.data.indicator_type, sut.data.symbol]).toEqual(['SMA', 'MSFT']);
  });

  it('reads a flat C indicator whose indicator is the name', () => {
    const sut = single('indicator', I, { type: 'streaming_indicator', indicator: 'EMA12', symbol: 'AAPL', value: 1, timestamp: '2025-10-16T02:02:00Z', timeframe: '1min' });
    expect(sut.data.indicator_type).toBe('EMA12');
  });

  it('reads the session id from the A top level, the calculation, or metadata', () => {
    expect(single('indicator', I, { ...c({ value: 1 }), session_id: 'a' }).data.session_id).toBe('a');
    expect(single('indicator', I, c({ value: 1, metadata: { session_id: 'm' } })).data.session_id).toBe('m');
  });

  it('reads an indicator batch item by item', () => {
    const sut = accepted(I, { type: 'streaming_indicators_batch', indicators: [{ calculation: c({ value: 1 }).calculation }, c({ value: 2, symbol: '' }).calculation] });
    expect(sut.events).toHaveLength(1);
    expect(sut.itemRejections.map((r) => r.reason)).toEqual(['invalid_field']);
  });
});
