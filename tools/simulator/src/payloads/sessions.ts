// Session lifecycle and streaming health (TICKSTOCKPL-FORMATS.md, "Session started", "Session
// stopped", "Health"). C wraps them in `session`/`health`; A keeps session fields under `data`
// and sends health flat. B is C here (the spec changed only patterns and alerts).
import { CHANNELS } from '@tickstock/contracts';
import { isoZ, pythonNaive } from './time-formats';
import { out, type Generation, type Outgoing } from './types';

export type SessionInfo = { id: string; universe: string; startedAt: Date; symbolCount: number };
export type SessionTotals = { patterns: number; indicators: number };

export function sessionStarted(s: SessionInfo, generation: Generation): Outgoing {
  const label = `session_started.${generation}`;
  if (generation === 'A') {
    const t = pythonNaive(s.startedAt);
    return out(CHANNELS.sessionStarted, label, { event: 'session_started', timestamp: t, data: { session_id: s.id, symbol_universe_key: s.universe, start_time: t, trigger_type: 'simulator' } });
  }
  const t = isoZ(s.startedAt);
  return out(CHANNELS.sessionStarted, label, {
    type: 'streaming_session_started',
    session: { session_id: s.id, universe: s.universe, started_at: t, symbol_count: s.symbolCount, status: 'active' },
    timestamp: t,
  });
}

export function sessionStopped(s: SessionInfo, totals: SessionTotals, stoppedAt: Date, generation: Generation): Outgoing {
  const label = `session_stopped.${generation}`;
  if (generation === 'A') {
    const t = pythonNaive(stoppedAt);
    return out(CHANNELS.sessionStopped, label, { event: 'session_stopped', timestamp: t, data: { session_id: s.id, stop_time: t, reason: 'simulation_complete' } });
  }
  const t = isoZ(stoppedAt);
  return out(CHANNELS.sessionStopped, label, {
    type: 'streaming_session_stopped',
    session: {
      session_id: s.id,
      stopped_at: t,
      duration_seconds: Math.round((stoppedAt.getTime() - s.startedAt.getTime()) / 1000),
      total_patterns: totals.patterns,
      total_indicators: totals.indicators,
      final_status: 'completed',
    },
    timestamp: t,
  });
}

export type HealthReading = {
  status: 'healthy' | 'degraded';
  activeSymbols: number;
  ticksPerSecond: number;
  patternsDetected: number;
  indicatorsCalculated: number;
  staleSymbols: readonly string[];
  cpuPercent: number;
  memoryMb: number;
  processingLagMs: number;
};

export function healthMessage(s: SessionInfo, h: HealthReading, now: Date, generation: Generation): Outgoing {
  const label = `health.${generation}`;
  const issues = h.staleSymbols.length > 0 ? [`stale symbols: ${h.staleSymbols.length}`] : [];
  const resources = { cpu_percent: h.cpuPercent, memory_mb: h.memoryMb, memory_percent: Math.round((h.memoryMb / 8192) * 1000) / 10 };
  if (generation === 'A') {
    return out(CHANNELS.health, label, {
      event: 'streaming_health',
      timestamp: pythonNaive(now),
      session_id: s.id,
      status: h.status,
      issues,
      connection: { active: 1, failed: 0, reconnections: 0 },
      data_flow: { ticks_per_second: h.ticksPerSecond, bars_per_minute: h.activeSymbols, processing_lag_ms: h.processingLagMs },
      resources,
      active_symbols: h.activeSymbols,
      stale_symbols: { count: h.staleSymbols.length, symbols: h.staleSymbols },
    });
  }
  const t = isoZ(now);
  return out(CHANNELS.health, label, {
    type: 'streaming_health',
    health: {
      session_id: s.id,
      status: h.status,
      active_symbols: h.activeSymbols,
      ticks_per_second: h.ticksPerSecond,
      patterns_detected: h.patternsDetected,
      indicators_calculated: h.indicatorsCalculated,
      issues,
      resources,
      timestamp: t,
    },
    timestamp: t,
  });
}
