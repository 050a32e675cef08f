// Pattern detections in each generation (TICKSTOCKPL-FORMATS.md, "Pattern" and "Generations"),
// spelled as samples.jsonl shows the producer sending them. A detection with confidence >= 0.8 is
// published on BOTH pattern channels with the same text; patternMessages returns both.
import { CHANNELS } from '@tickstock/contracts';
import type { Bar } from './market';
import { epochSeconds, isoZ, pythonNaive } from './time-formats';
import { out, type Generation, type Outgoing } from './types';

/** The producer's `:detected` cut-off (TICKSTOCKPL-FORMATS.md, "The 12 channels"). */
export const DETECTED_CONFIDENCE = 0.8;

export const PATTERN_NAMES = [
  'Doji', 'Hammer', 'BullishEngulfing', 'BearishEngulfing', 'ShootingStar', 'MorningStar', 'EveningStar', 'PriceChange', 'Breakout', 'VolumeSpike',
] as const;

export type Detection = {
  pattern: string;
  symbol: string;
  confidence: number;
  time: Date;
  timeframe: string;
  bar: Bar;
  sessionId: string;
  /** B's `metadata.pattern_id`. */
  patternId: string;
};

/** One detection as one message, or two (`:streaming` then `:detected`) when it is high-confidence. */
export function patternMessages(d: Detection, generation: Generation, detectedFirst = false): Outgoing[] {
  const payload = patternPayload(d, generation);
  const label = `pattern.${generation}`;
  const streaming = out(CHANNELS.patternsStreaming, label, payload);
  if (d.confidence < DETECTED_CONFIDENCE) return [streaming];
  const detected = { ...streaming, channel: CHANNELS.patternsDetected, label: `${label}.high` };
  const first = { ...streaming, label: `${label}.high` };
  return detectedFirst ? [detected, first] : [first, detected];
}

export function patternPayload(d: Detection, generation: Generation): unknown {
  switch (generation) {
    case 'C':
      return { type: 'streaming_pattern', detection: { pattern: d.pattern, symbol: d.symbol, confidence: d.confidence, timestamp: isoZ(d.time), timeframe: d.timeframe } };
    case 'A':
      return {
        event: 'pattern_detected',
        session_id: d.sessionId,
        timestamp: pythonNaive(d.time),
        // A carries the bar's values as `parameters`.
        detection: { pattern_type: d.pattern, symbol: d.symbol, timestamp: pythonNaive(d.time), confidence: d.confidence, parameters: { ...d.bar }, timeframe: d.timeframe },
      };
    case 'B':
      return { type: 'streaming_pattern', detection: bDetection(d) };
  }
}

/**
 * B's producer batch (up to 50 detections), on either pattern channel; items alternate between
 * the two shapes the spec allows (`{detection:{...}}` and flat) so both are exercised.
 */
export function patternBatch(detections: readonly Detection[], batchTime: Date): unknown {
  if (detections.length > 50) throw new RangeError('a producer batch holds at most 50 detections');
  return {
    type: 'streaming_patterns_batch',
    patterns: detections.map((d, i) => {
      const item = { ...bDetection(d), timestamp: isoZ(d.time) };
      return i % 2 === 0 ? { detection: item } : item;
    }),
    count: detections.length,
    batch_timestamp: isoZ(batchTime),
  };
}

function bDetection(d: Detection) {
  return {
    pattern_type: d.pattern,
    symbol: d.symbol,
    confidence: d.confidence,
    // B's detections carry epoch seconds (samples.jsonl, pattern.B).
    timestamp: epochSeconds(d.time),
    timeframe: d.timeframe,
    bar_data: { ...d.bar },
    metadata: { session_id: d.sessionId, detection_method: 'streaming', pattern_id: d.patternId },
  };
}
