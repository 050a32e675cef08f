// The producer's timestamp a frame carries, for the producer-timestamp-to-frame lag metric.
import type { ServerFrame } from '@tickstock/contracts';

export function producerTimeOf(frame: ServerFrame): string | null {
  switch (frame.event) {
    case 'streaming_pattern':
      return frame.data.detection.timestamp;
    case 'streaming_indicator':
      return frame.data.calculation.timestamp;
    case 'streaming_patterns_batch':
      return frame.data.patterns[0]?.detection.timestamp ?? null;
    case 'streaming_indicators_batch':
      return frame.data.indicators[0]?.calculation.timestamp ?? null;
    case 'streaming_health':
      return frame.data.health.timestamp;
    case 'indicator_alert':
    case 'critical_alert':
      return frame.data.alert.timestamp;
    case 'pattern_alert':
    case 'backtest_progress':
    case 'backtest_result':
    case 'system_health':
      return frame.data.timestamp;
    case 'streaming_session':
    case 'welcome':
    case 'resync_required':
    case 'error':
    case 'pong':
      return null;
  }
}
