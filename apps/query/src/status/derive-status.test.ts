import { describe, expect, it } from 'vitest';
import { overallStatus, producerState, readHealth, readSession, statsAsNumbers } from './derive-status';

const session = { session_id: 's1', universe: 'SP500', start_time: '2025-01-01T00:00:00.000Z', symbol_count: 500, status: 'active' };

describe(overallStatus.name, () => {
  it('is offline without an ingest heartbeat, whatever the session', () => {
    expect(overallStatus(null, session)).toBe('offline');
  });
  it('is online with a heartbeat and a running session', () => {
    expect(overallStatus('1700000000000', session)).toBe('online');
  });
  it('is idle with a heartbeat and no session', () => {
    expect(overallStatus('1700000000000', null)).toBe('idle');
  });
  it('is never online for a session without an id', () => {
    expect(overallStatus('1700000000000', { ...session, session_id: '' })).toBe('idle');
  });
});

describe(readSession.name, () => {
  it('reads the session JSON', () => {
    expect(readSession({ session: JSON.stringify(session) })).toEqual({ known: true, value: session });
  });
  it('reads an empty field as "no session"', () => {
    expect(readSession({ session: '' })).toEqual({ known: true, value: null });
  });
  it('reads an absent field as unknown (Redis lost the state)', () => {
    expect(readSession({})).toEqual({ known: false });
  });
  it('reads broken JSON or a wrong shape as no session rather than failing', () => {
    expect(readSession({ session: '{not json' })).toEqual({ known: true, value: null });
    expect(readSession({ session: '{"session_id": 5}' })).toEqual({ known: true, value: null });
  });
});

describe(readHealth.name, () => {
  it('reads a health snapshot', () => {
    const health = {
      timestamp: '2025-01-01T00:00:00.000Z',
      session_id: 's1',
      status: 'healthy',
      active_symbols: 1,
      ticks_per_second: 2,
      patterns_detected: 3,
      indicators_calculated: 4,
      issues: [],
      data_flow: null,
      resources: null,
      connection: null,
      extra: {},
    };
    expect(readHealth({ health: JSON.stringify(health) })).toEqual({ known: true, value: health });
  });
});

describe(statsAsNumbers.name, () => {
  it('turns the decimal strings into numbers and leaves out what is not a number', () => {
    expect(statsAsNumbers({ received: '12', accepted: '10.5', bad: 'x', empty: '', inf: 'Infinity' })).toEqual({ received: 12, accepted: 10.5 });
  });
});

describe(producerState.name, () => {
  const now = Date.parse('2025-01-01T00:01:00.000Z');
  it('is online while the heartbeat (epoch seconds) is under 60 s old', () => {
    expect(producerState(String(now / 1000 - 59.5), now)).toEqual({ online: true, last_heartbeat: '2025-01-01T00:00:00.500Z' });
  });
  it('is offline from 60 s on, still telling when it last beat', () => {
    expect(producerState(String(now / 1000 - 60), now)).toEqual({ online: false, last_heartbeat: '2025-01-01T00:00:00.000Z' });
  });
  it('is offline with no heartbeat or an unreadable one', () => {
    for (const beat of [null, '', 'abc', '-5', '0']) expect(producerState(beat, now)).toEqual({ online: false, last_heartbeat: null });
  });
  it('reads a value in milliseconds as milliseconds', () => {
    expect(producerState(String(now - 1000), now)).toEqual({ online: true, last_heartbeat: '2025-01-01T00:00:59.000Z' });
  });
});
