// The 12 TickStockPL pub/sub channels (TICKSTOCKPL-FORMATS.md, "The 12 channels").
export const CHANNELS = {
  sessionStarted: 'tickstock:streaming:session_started',
  sessionStopped: 'tickstock:streaming:session_stopped',
  health: 'tickstock:streaming:health',
  patternsStreaming: 'tickstock:patterns:streaming',
  patternsDetected: 'tickstock:patterns:detected',
  indicatorsStreaming: 'tickstock:indicators:streaming',
  alertsIndicators: 'tickstock:alerts:indicators',
  alertsCritical: 'tickstock:alerts:critical',
  eventsPatterns: 'tickstock.events.patterns',
  eventsBacktestProgress: 'tickstock.events.backtesting.progress',
  eventsBacktestResults: 'tickstock.events.backtesting.results',
  healthStatus: 'tickstock.health.status',
} as const;

export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];
export const ALL_CHANNELS: readonly Channel[] = Object.values(CHANNELS);

/** String key holding the producer's last heartbeat (epoch seconds); online while < 60 s old. */
export const PRODUCER_HEARTBEAT_KEY = 'tickstock:producer:heartbeat';
export const PRODUCER_ONLINE_WINDOW_MS = 60_000;

export function isChannel(name: string): name is Channel {
  return (ALL_CHANNELS as readonly string[]).includes(name);
}
