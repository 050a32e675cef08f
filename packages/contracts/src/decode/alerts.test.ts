import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../channels';
import { MAX_MESSAGE_LENGTH } from './alert-fields';
import { decodeCriticalAlert } from './critical-alert';
import { decodeIndicatorAlert } from './indicator-alert';
import { rejected, single } from './test-helpers.fixture';

describe(decodeIndicatorAlert.name, () => {
  const A = CHANNELS.alertsIndicators;

  it('keeps fields the doc does not name in data, without overwriting data{}', () => {
    const sut = single('indicator_alert', A, { alert_type: 'RSI_OVERBOUGHT', symbol: 'aapl', timestamp: '2025-10-03T13:30:06Z', severity: 'info', value: 75.5, threshold: 70, data: { value: 76 } });
    expect(sut.data).toMatchObject({ symbol: 'AAPL', severity: 'info', data: { value: 76, threshold: 70 } });
  });

  it('accepts alert types beyond the six the doc lists', () => {
    expect(single('indicator_alert', A, { alert_type: 'VWAP_CROSS', symbol: 'AAPL', timestamp: '2025-10-03T13:30:06Z' }).data.alert_type).toBe('VWAP_CROSS');
  });

  it('rejects an alert without an alert_type', () => {
    expect(rejected(A, { type: 'indicator_alert', alert: { symbol: 'AAPL' } })).toEqual({ reason: 'missing_field', detail: 'alert_type: missing' });
  });
});

describe(decodeCriticalAlert.name, () => {
  const C = CHANNELS.alertsCritical;

  it('defaults a flat alert’s severity to critical and its message to its kind, with notes', () => {
    const sut = single('critical_alert', C, { type: 'CONNECTION_LOST', timestamp: '2025-10-03T13:32:00Z' });
    expect([sut.data.severity, sut.data.message]).toEqual(['critical', 'CONNECTION_LOST']);
    expect(sut.notes).toEqual(['message: missing, set to "CONNECTION_LOST"', 'severity: missing, defaulted to "critical"']);
  });

  it('names a wrapped alert without component "critical_alert"', () => {
    expect(single('critical_alert', C, { type: 'critical_alert', alert: { message: 'm', timestamp: '2025-10-16T02:11:00Z' } }).data.type).toBe('critical_alert');
  });

  it('cuts a message over the limit, with a note', () => {
    const sut = single('critical_alert', C, { type: 'X', severity: 'critical', message: 'm'.repeat(MAX_MESSAGE_LENGTH + 1), timestamp: '2025-10-16T02:11:00Z' });
    expect(sut.data.message).toHaveLength(MAX_MESSAGE_LENGTH);
    expect(sut.notes).toEqual([`message: ${MAX_MESSAGE_LENGTH + 1} characters, cut to ${MAX_MESSAGE_LENGTH}`]);
  });

  it('keeps a data that is not an object as data.data, with a note', () => {
    const sut = single('critical_alert', C, { type: 'X', message: 'm', data: 'raw', timestamp: '2025-10-16T02:11:00Z' });
    expect(sut.data.data).toEqual({ data: 'raw' });
  });

  it('keeps a __proto__ field as plain data, without touching any prototype', () => {
    const sut = single('critical_alert', C, '{"type":"X","message":"m","timestamp":"2025-10-16T02:11:00Z","__proto__":{"polluted":true}}');
    expect(Object.getPrototypeOf(sut.data.data)).toBe(Object.prototype);
    expect(Object.hasOwn(sut.data.data, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects a flat alert whose kind is not a name', () => {
    expect(rejected(C, { type: '<img>', message: 'm' }).reason).toBe('invalid_field');
  });
});
