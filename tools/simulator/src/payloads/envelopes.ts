// The `tickstock.events.*` channels (TICKSTOCKPL-FORMATS.md, "Envelope", "Backtest", "System
// health"): daily/batch pattern envelopes with the body flat or nested up to `data.data.data`,
// backtest progress and results, and system health. Their timestamps are epoch floats.
import { CHANNELS } from '@tickstock/contracts';
import { round, type Rng } from './rng';
import { epochSeconds } from './time-formats';
import { out, type Outgoing } from './types';

/** How deep the body sits: at the top, in `data`, `data.data` or `data.data.data`. */
export type EnvelopeNesting = 0 | 1 | 2 | 3;

export function envelopePattern(rng: Rng, symbol: string, pattern: string, now: Date, nesting: EnvelopeNesting): Outgoing {
  const t = round(epochSeconds(now), 3);
  const price = round(rng.between(20, 600), 2);
  const body = {
    symbol,
    pattern,
    confidence: round(rng.between(0.6, 0.98), 2),
    flow_id: rng.uuid(),
    tier: 'daily',
    price_change: round(rng.between(-4, 4), 2),
    current_price: price,
    volume: rng.int(100_000, 20_000_000),
    timestamp: t,
    expires_at: Math.round(t + 3600),
    indicators: { relative_strength: round(rng.between(0.5, 2), 2), relative_volume: round(rng.between(0.5, 3), 2) },
    source: 'daily',
  };
  let nested: Record<string, unknown> = body;
  for (let i = 1; i < nesting; i++) nested = { data: nested };
  const payload = nesting === 0 ? { event_type: 'pattern_detected', ...body } : { event_type: 'pattern_detected', source: 'TickStockPL', timestamp: t, data: nested };
  return out(CHANNELS.eventsPatterns, `envelope.pattern.nesting${nesting}`, payload);
}

export function backtestProgress(jobId: string, progress: number, symbol: string, now: Date): Outgoing {
  const t = round(epochSeconds(now), 3);
  return out(CHANNELS.eventsBacktestProgress, 'backtest.progress', {
    event_type: 'backtest_progress',
    source: 'tickstock_pl',
    timestamp: t,
    job_id: jobId,
    progress: round(progress, 2),
    status: 'processing',
    estimated_completion: round(t + 60 * (1 - progress), 3),
    current_symbol: symbol,
    processed_symbols: Math.round(progress * 100),
  });
}

export function backtestResult(rng: Rng, jobId: string, now: Date): Outgoing {
  const total = rng.int(50, 300);
  const winning = Math.round(total * rng.between(0.4, 0.7));
  return out(CHANNELS.eventsBacktestResults, 'backtest.result', {
    event_type: 'backtest_result',
    source: 'tickstock_pl',
    timestamp: round(epochSeconds(now), 3),
    job_id: jobId,
    status: 'completed',
    results: {
      win_rate: round(winning / total, 3),
      total_trades: total,
      winning_trades: winning,
      roi: round(rng.between(-0.1, 0.3), 3),
      sharpe_ratio: round(rng.between(-0.5, 2.5), 2),
      max_drawdown: round(rng.between(0.01, 0.25), 3),
      duration_days: 252,
    },
    processing_time_seconds: round(rng.between(5, 90), 1),
  });
}

export function systemHealth(rng: Rng, now: Date): Outgoing {
  return out(CHANNELS.healthStatus, 'system.health', {
    event_type: 'system_health',
    source: 'tickstock_pl',
    timestamp: round(epochSeconds(now), 3),
    status: 'healthy',
    metrics: {
      cpu_usage: round(rng.between(0.1, 0.7), 2),
      memory_usage: round(rng.between(0.3, 0.8), 2),
      disk_usage: round(rng.between(0.2, 0.5), 2),
      active_jobs: rng.int(0, 5),
      queue_depth: rng.int(0, 40),
      uptime_hours: round(rng.between(1, 200), 1),
    },
  });
}
