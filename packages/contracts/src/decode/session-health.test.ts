import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../channels';
import { decodeHealth } from './health';
import { decodeSessionStarted, decodeSessionStopped } from './session';
import { RECEIVED_ISO, rejected, single } from './test-helpers.fixture';

describe(decodeSessionStarted.name, () => {
  it('reads a top-level (neither session nor data) session', () => {
    const sut = single('session_started', CHANNELS.sessionStarted, { session_id: 's-1', universe: 'u', started_at: '2025-10-07T12:14:54Z', symbol_count: 5, status: 'active' });
    expect(sut.data).toEqual({ session_id: 's-1', universe: 'u', start_time: '2025-10-07T12:14:54.000Z', symbol_count: 5, status: 'active' });
    expect(sut.notes).toEqual([]);
  });

  it('takes the message timestamp as the start when the session has none, else the receive time', () => {
    expect(single('session_started', CHANNELS.sessionStarted, { type: 'streaming_session_started', session: { session_id: 's' }, timestamp: '2025-10-07T12:00:00Z' }).data.start_time).toBe('2025-10-07T12:00:00.000Z');
    const sut = single('session_started', CHANNELS.sessionStarted, { type: 'streaming_session_started', session: { session_id: 's' } });
    expect(sut.data.start_time).toBe(RECEIVED_ISO);
    expect(sut.notes).toContain('start_time: missing, used the receive time');
  });

  it('defaults a symbol_count that is not a number to 0, with a note', () => {
    const sut = single('session_started', CHANNELS.sessionStarted, { type: 'streaming_session_started', session: { session_id: 's', symbol_count: '60', status: 'active' } });
    expect(sut.data.symbol_count).toBe(0);
    expect(sut.notes).toEqual(['start_time: missing, used the receive time', 'symbol_count: not a number ("60"), defaulted to 0']);
  });
});

describe(decodeSessionStopped.name, () => {
  it('takes the status as final_status when final_status is absent', () => {
    expect(single('session_stopped', CHANNELS.sessionStopped, { type: 'streaming_session_stopped', session: { session_id: 's', status: 'failed', stopped_at: '2025-10-07T20:00:00Z' } }).data.final_status).toBe('failed');
  });
});

describe(decodeHealth.name, () => {
  const H = CHANNELS.health;

  it('keeps every field it does not name in extra', () => {
    const sut = single('health', H, { type: 'streaming_health', health: { status: 'healthy', timestamp: '2025-10-07T19:22:02Z', memory_usage_mb: 512, cpu_percent: 3, errors_count: 0, uptime_seconds: 60, stale_symbols: { count: 0, symbols: [] } } });
    expect(sut.data.extra).toEqual({ memory_usage_mb: 512, cpu_percent: 3, errors_count: 0, uptime_seconds: 60, stale_symbols: { count: 0, symbols: [] } });
  });

  it('keeps an older status (warning, critical) as sent', () => {
    expect(single('health', H, { type: 'streaming_health', health: { status: 'critical', active_symbols: 1 } }).data.status).toBe('critical');
  });

  it('calls a status-less health with real metrics "unknown", with a note', () => {
    const sut = single('health', H, { type: 'streaming_health', health: { active_symbols: 10, timestamp: '2025-10-07T19:22:02Z' } });
    expect(sut.data.status).toBe('unknown');
    expect(sut.notes).toEqual(['status: missing, set to "unknown"']);
  });

  it('rejects a health with neither status nor metrics', () => {
    expect(rejected(H, { type: 'streaming_health', health: { timestamp: '2025-10-07T19:22:02Z' } })).toEqual({ reason: 'missing_field', detail: 'status: missing' });
  });

  it('rejects a status that is not a name', () => {
    expect(rejected(H, { type: 'streaming_health', health: { status: 3 } }).reason).toBe('invalid_field');
  });

  it('nulls counters that are not numbers and drops non-string issues, with notes', () => {
    const sut = single('health', H, { type: 'streaming_health', health: { status: 'healthy', active_symbols: '10', issues: ['a', 2, null, 'b'] } });
    expect([sut.data.active_symbols, sut.data.issues]).toEqual([null, ['a', 'b']]);
    expect(sut.notes).toEqual(['timestamp: missing, used the receive time', 'active_symbols: not a number ("10"), set to null', 'issues: dropped 2 non-string item(s)']);
  });

  it('prefers a top-level ticks_per_second to the data_flow one', () => {
    expect(single('health', H, { status: 'healthy', ticks_per_second: 5, data_flow: { ticks_per_second: 9 } }).data.ticks_per_second).toBe(5);
  });
});
