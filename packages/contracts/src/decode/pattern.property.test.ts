// A valid detection, generated in any generation's shape, is accepted as exactly that detection.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../channels';
import { eventId } from './ids';
import { decode } from './index';
import { normalizePattern, PRIORITY_CONFIDENCE_DEFAULT } from './pattern';
import { expectSafe } from './safety.fixture';

const symbol = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,14}$/);
const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_ ]{0,40}[A-Za-z0-9]$/);
const confidence = fc.double({ min: 0, max: 1, noNaN: true });
// From 2001-09-10: below 1e12 an epoch number is read as seconds (format doc), so ms start there.
const instant = fc.integer({ min: Date.UTC(2001, 8, 10), max: Date.UTC(2099, 0, 1) });
const timeframe = fc.constantFrom('1min', '5min', '15min', '1h', 'daily');

/** The same instant as each writer sends it; `ms` is what the text can carry. */
const timeText = fc.constantFrom('iso-ms-z', 'iso-offset', 'naive-micro', 'epoch-s', 'epoch-ms');
function writeTime(ms: number, form: string): { value: string | number; ms: number } {
  const iso = new Date(ms).toISOString();
  switch (form) {
    case 'iso-offset':
      return { value: `${iso.slice(0, 19)}+00:00`, ms: ms - (ms % 1000) };
    case 'naive-micro':
      return { value: `${iso.slice(0, 23)}456`, ms };
    case 'epoch-s':
      return { value: ms / 1000, ms };
    case 'epoch-ms':
      return { value: ms, ms };
    default:
      return { value: iso, ms };
  }
}

describe(normalizePattern.name, () => {
  it('accepts any valid C, A or B detection (single or batched) as itself, with confidence in [0, 1]', () => {
    const generation = fc.constantFrom('C', 'A', 'B', 'B-batch');
    const channel = fc.constantFrom(CHANNELS.patternsStreaming, CHANNELS.patternsDetected);
    fc.assert(
      fc.property(generation, channel, symbol, name, confidence, instant, timeText, timeframe, (gen, ch, sym, pat, conf, ms, form, tf) => {
        const t = writeTime(ms, form);
        const payload = build(gen, { sym, pat, conf, time: t.value, tf });
        const sut = decode(ch, JSON.stringify(payload));
        expectSafe(sut);
        expect(sut.ok).toBe(true);
        if (!sut.ok) return;
        expect(sut.events).toHaveLength(1);
        const event = sut.events[0];
        if (event?.kind !== 'pattern') throw new Error('expected a pattern');
        const timestamp = new Date(t.ms).toISOString();
        expect(event.data).toMatchObject({
          id: eventId('pat', [sym.toUpperCase(), pat, timestamp, tf]),
          pattern_type: pat,
          symbol: sym.toUpperCase(),
          confidence: conf,
          timestamp,
          timeframe: tf,
          priority: conf >= PRIORITY_CONFIDENCE_DEFAULT ? 'high' : 'normal',
        });
        expect(event.data.confidence >= 0 && event.data.confidence <= 1).toBe(true);
        expect(sut.notes).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});

type Fields = { sym: string; pat: string; conf: number; time: string | number; tf: string };

function build(generation: string, f: Fields): unknown {
  switch (generation) {
    case 'A':
      return { event: 'pattern_detected', session_id: 's-1', timestamp: f.time, detection: { pattern_type: f.pat, symbol: f.sym, timestamp: f.time, confidence: f.conf, parameters: { open: 1 }, timeframe: f.tf } };
    case 'B':
      return { type: 'streaming_pattern', detection: { pattern_type: f.pat, symbol: f.sym, confidence: f.conf, timestamp: f.time, timeframe: f.tf, bar_data: { open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 }, metadata: { session_id: 's-1' } } };
    case 'B-batch':
      return { type: 'streaming_patterns_batch', patterns: [{ detection: { pattern: f.pat, symbol: f.sym, confidence: f.conf, timestamp: f.time, timeframe: f.tf } }], count: 1, batch_timestamp: f.time };
    default:
      return { type: 'streaming_pattern', detection: { pattern: f.pat, symbol: f.sym, confidence: f.conf, timestamp: f.time, timeframe: f.tf } };
  }
}
