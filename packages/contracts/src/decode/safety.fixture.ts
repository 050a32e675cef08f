// Test support: what must hold of any decode() answer, whatever the input.
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { expect } from 'vitest';
import * as schemas from '../events';
import type { EventKind, NormalizedEvent } from '../events';
import { REJECT_REASONS, type DecodeResult } from './result';

const SCHEMA_OF: Record<EventKind, TSchema> = {
  pattern: schemas.Pattern,
  indicator: schemas.Indicator,
  indicator_alert: schemas.IndicatorAlert,
  critical_alert: schemas.CriticalAlert,
  session_started: schemas.Session,
  session_stopped: schemas.SessionStopped,
  health: schemas.Health,
  envelope_pattern: schemas.EnvelopePattern,
  backtest_progress: schemas.BacktestProgress,
  backtest_result: schemas.BacktestResult,
  system_health: schemas.SystemHealth,
};

export const CANONICAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const VALID_SYMBOL = /^[A-Z0-9][A-Z0-9._-]{0,14}$/;
const ID = /^[a-z]+_[0-9a-f]{28}$/;

export function schemaOf(kind: EventKind): TSchema {
  return SCHEMA_OF[kind];
}

export function expectValidName(name: string): void {
  expect(name.length).toBeGreaterThan(0);
  expect(name.length).toBeLessThanOrEqual(64);
  expect(name.trim()).toBe(name);
  // eslint-disable-next-line no-control-regex -- asserting there are no control characters
  expect(name).not.toMatch(/[\u0000-\u001f\u007f-\u009f<>]/);
}

/** A rejection from the closed list (never internal_error: decode has no crash path), or events that are safe to pass on. */
export function expectSafe(result: DecodeResult): void {
  if (!result.ok) {
    expect(REJECT_REASONS).toContain(result.reason);
    expect(result.reason).not.toBe('internal_error');
    expect(result.detail.length).toBeLessThanOrEqual(200);
    return;
  }
  for (const r of result.itemRejections) expect(REJECT_REASONS).toContain(r.reason);
  for (const n of result.notes) expect(typeof n).toBe('string');
  for (const event of result.events) expectSafeEvent(event);
}

export function expectSafeEvent(event: NormalizedEvent): void {
  expect([...Value.Errors(SCHEMA_OF[event.kind], event.data)]).toEqual([]);
  switch (event.kind) {
    case 'pattern':
      expect(event.data.symbol).toMatch(VALID_SYMBOL);
      expectValidName(event.data.pattern_type);
      expect(event.data.confidence >= 0 && event.data.confidence <= 1).toBe(true);
      expect(event.data.timestamp).toMatch(CANONICAL_TIME);
      expect(event.data.id).toMatch(ID);
      break;
    case 'indicator':
      expect(event.data.symbol).toMatch(VALID_SYMBOL);
      expectValidName(event.data.indicator_type);
      expect(event.data.timestamp).toMatch(CANONICAL_TIME);
      expect(event.data.id).toMatch(ID);
      break;
    case 'indicator_alert':
      expect(event.data.symbol).toMatch(VALID_SYMBOL);
      expectValidName(event.data.alert_type);
      expect(event.data.timestamp).toMatch(CANONICAL_TIME);
      break;
    case 'critical_alert':
      expectValidName(event.data.type);
      expect(event.data.timestamp).toMatch(CANONICAL_TIME);
      break;
    case 'envelope_pattern':
      expect(event.data.symbol).toMatch(VALID_SYMBOL);
      expectValidName(event.data.pattern);
      expect(event.data.timestamp).toMatch(CANONICAL_TIME);
      break;
    case 'session_started':
      expect(event.data.session_id.length).toBeGreaterThan(0);
      expect(event.data.start_time).toMatch(CANONICAL_TIME);
      break;
    case 'session_stopped':
      expect(event.data.session_id.length).toBeGreaterThan(0);
      expect(event.data.stopped_at).toMatch(CANONICAL_TIME);
      break;
    case 'health':
    case 'backtest_progress':
    case 'backtest_result':
    case 'system_health':
      expect(event.data.timestamp).toMatch(CANONICAL_TIME);
      break;
  }
}
