// The streaming buffer (CONTRACT.md frames; settings STREAMING_*): patterns and indicators are
// conflated per SYMBOL:NAME within a flush window and leave in batches of at most maxBatchSize;
// a pattern at or above the priority confidence leaves at once and never again in a batch.
import type { Indicator, Pattern } from '@tickstock/contracts';
import { createConflatingQueue } from './conflating-queue';
import { createRecentIds } from './recent-ids';

export type BufferSettings = {
  enabled: boolean;
  maxBufferSize: number;
  maxBatchSize: number;
  priorityConfidence: number;
};

export type Emission =
  | { kind: 'pattern'; pattern: Pattern }
  | { kind: 'indicator'; indicator: Indicator }
  | { kind: 'patterns_batch'; patterns: Pattern[]; dropped: number }
  | { kind: 'indicators_batch'; indicators: Indicator[]; dropped: number };

/** What became of one offered event; every accepted event ends as exactly one of these. */
export type Outcome = 'sent' | 'queued' | 'deduplicated';

export type StreamingBuffer = {
  offerPattern(pattern: Pattern): { outcome: Outcome; emission?: Emission };
  offerIndicator(indicator: Indicator): { outcome: Outcome; emission?: Emission };
  /** One batch per stream at most; what does not fit waits for the next flush. */
  flush(): Emission[];
  pending(): { patterns: number; indicators: number };
};

/** How many sent ids are remembered per stream to recognize a late second copy. */
const RECENT_IDS = 20_000;

export function createStreamingBuffer(settings: BufferSettings, hooks: { onDrop?: (stream: 'patterns' | 'indicators') => void } = {}): StreamingBuffer {
  const patterns = createConflatingQueue<Pattern>(settings.maxBufferSize, () => hooks.onDrop?.('patterns'));
  const indicators = createConflatingQueue<Indicator>(settings.maxBufferSize, () => hooks.onDrop?.('indicators'));
  const sentPatterns = createRecentIds(RECENT_IDS);
  const sentIndicators = createRecentIds(RECENT_IDS);

  function withPriority(pattern: Pattern): Pattern {
    const priority = pattern.confidence >= settings.priorityConfidence ? 'high' : 'normal';
    return pattern.priority === priority ? pattern : { ...pattern, priority };
  }

  return {
    offerPattern(raw) {
      if (sentPatterns.has(raw.id)) return { outcome: 'deduplicated' };
      const pattern = withPriority(raw);
      if (!settings.enabled || pattern.priority === 'high') {
        sentPatterns.add(pattern.id);
        return { outcome: 'sent', emission: { kind: 'pattern', pattern } };
      }
      const outcome = patterns.offer(`${pattern.symbol}:${pattern.pattern_type}`, pattern);
      return { outcome: outcome === 'conflated' ? 'deduplicated' : 'queued' };
    },
    offerIndicator(indicator) {
      if (sentIndicators.has(indicator.id)) return { outcome: 'deduplicated' };
      if (!settings.enabled) {
        sentIndicators.add(indicator.id);
        return { outcome: 'sent', emission: { kind: 'indicator', indicator } };
      }
      const outcome = indicators.offer(`${indicator.symbol}:${indicator.indicator_type}`, indicator);
      return { outcome: outcome === 'conflated' ? 'deduplicated' : 'queued' };
    },
    flush() {
      const out: Emission[] = [];
      if (patterns.size > 0) {
        const batch = patterns.take(settings.maxBatchSize);
        for (const p of batch) sentPatterns.add(p.id);
        out.push({ kind: 'patterns_batch', patterns: batch, dropped: patterns.takeDropped() });
      }
      if (indicators.size > 0) {
        const batch = indicators.take(settings.maxBatchSize);
        for (const i of batch) sentIndicators.add(i.id);
        out.push({ kind: 'indicators_batch', indicators: batch, dropped: indicators.takeDropped() });
      }
      return out;
    },
    pending: () => ({ patterns: patterns.size, indicators: indicators.size }),
  };
}
