// Buffer emissions as the frames CONTRACT.md names: batches, or single priority/unbuffered items.
import { indicatorItem, indicatorsBatch, patternItem, patternsBatch, type ServerFrame } from '@tickstock/contracts';
import type { Emission } from '../buffer/streaming-buffer';

export function frameOfEmission(emission: Emission, timestamp: string): ServerFrame {
  switch (emission.kind) {
    case 'pattern':
      return { event: 'streaming_pattern', data: patternItem(emission.pattern) };
    case 'indicator':
      return { event: 'streaming_indicator', data: indicatorItem(emission.indicator) };
    case 'patterns_batch':
      return { event: 'streaming_patterns_batch', data: patternsBatch(emission.patterns, timestamp, emission.dropped) };
    case 'indicators_batch':
      return { event: 'streaming_indicators_batch', data: indicatorsBatch(emission.indicators, timestamp, emission.dropped) };
  }
}
