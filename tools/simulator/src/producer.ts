// The simulated TickStockPL: one streaming session over a symbol universe, with a market model
// behind the values and counters for the session's totals. Scenarios decide WHEN things happen;
// the producer decides what they look like, in the generation `format` asks for (`mixed`: a new
// pick per message).
import { CHANNELS } from '@tickstock/contracts';
import { createMarket, type Market } from './payloads/market';
import { alertValue, criticalAlertMessage, indicatorAlertMessage, INDICATOR_ALERT_TYPES, type IndicatorAlertType } from './payloads/alerts';
import { INDICATOR_KINDS, indicatorMessage, type IndicatorKind } from './payloads/indicators';
import { patternBatch, patternMessages, PATTERN_NAMES, type Detection } from './payloads/patterns';
import { round, type Rng } from './payloads/rng';
import { healthMessage, sessionStarted, sessionStopped, type SessionInfo, type SessionTotals } from './payloads/sessions';
import { GENERATIONS, out, type FormatChoice, type Generation, type Outgoing } from './payloads/types';

export type ProducerOptions = { rng: Rng; format: FormatChoice; symbols: readonly string[]; universe?: string };

export type PatternOptions = { pattern?: string; symbol?: string; confidence?: number; detectedFirst?: boolean; generation?: Generation };
export type IndicatorOptions = { kind?: IndicatorKind; symbol?: string; generation?: Generation };

export type Producer = {
  readonly rng: Rng;
  readonly market: Market;
  readonly symbols: readonly string[];
  readonly session: SessionInfo;
  readonly totals: SessionTotals;
  /** True between start() and stop(): a stopped run then knows whether it has a session to end. */
  live: () => boolean;
  /** The generation for the next message: the fixed one, or a fresh pick under `mixed`. */
  generation: () => Generation;
  start: (now: Date, generation?: Generation) => Outgoing;
  stop: (now: Date, generation?: Generation) => Outgoing;
  pattern: (now: Date, o?: PatternOptions) => Outgoing[];
  /** B's producer batch of `size` detections on either pattern channel. */
  patternBatch: (now: Date, size: number, channel?: 'streaming' | 'detected') => Outgoing;
  indicator: (now: Date, o?: IndicatorOptions) => Outgoing;
  health: (now: Date, generation?: Generation) => Outgoing;
  indicatorAlert: (now: Date, type?: IndicatorAlertType, symbol?: string, generation?: Generation) => Outgoing;
  criticalAlert: (now: Date, generation?: Generation) => Outgoing;
  detection: (now: Date, o?: PatternOptions) => Detection;
};

export function createProducer(opts: ProducerOptions): Producer {
  const { rng, format, symbols } = opts;
  if (symbols.length === 0) throw new RangeError('a producer needs at least one symbol');
  const market = createMarket(rng);
  const session: SessionInfo = { id: rng.uuid(), universe: opts.universe ?? 'market_leaders:top_500', startedAt: new Date(), symbolCount: symbols.length };
  const totals: SessionTotals = { patterns: 0, indicators: 0 };
  let patternSeq = 0;
  let live = false;
  const generation = (): Generation => (format === 'mixed' ? rng.pick(GENERATIONS) : format);

  const detection = (now: Date, o: PatternOptions = {}): Detection => {
    const symbol = o.symbol ?? rng.pick(symbols);
    return {
      pattern: o.pattern ?? rng.pick(PATTERN_NAMES),
      symbol,
      // About a third at or above 0.8: those also go to `:detected`.
      confidence: o.confidence ?? round(rng.between(0.5, 0.95), 2),
      time: now,
      timeframe: '1min',
      bar: market.nextBar(symbol),
      sessionId: session.id,
      patternId: `p-${String(++patternSeq).padStart(6, '0')}`,
    };
  };

  return {
    rng,
    market,
    symbols,
    session,
    totals,
    generation,
    detection,
    live: () => live,
    start(now, g = generation()) {
      session.startedAt = now;
      live = true;
      return sessionStarted(session, g);
    },
    stop(now, g = generation()) {
      live = false;
      return sessionStopped(session, totals, now, g);
    },
    pattern(now, o = {}) {
      totals.patterns++;
      return patternMessages(detection(now, o), o.generation ?? generation(), o.detectedFirst ?? false);
    },
    patternBatch(now, size, channel = 'streaming') {
      const detections = Array.from({ length: size }, () => detection(now));
      totals.patterns += size;
      const target = channel === 'detected' ? CHANNELS.patternsDetected : CHANNELS.patternsStreaming;
      return out(target, `pattern.B.batch.${channel}`, patternBatch(detections, now));
    },
    indicator(now, o = {}) {
      totals.indicators++;
      const symbol = o.symbol ?? rng.pick(symbols);
      const kind = o.kind ?? rng.pick(INDICATOR_KINDS);
      return indicatorMessage({ kind, symbol, time: now, timeframe: '1min', sessionId: session.id }, market, o.generation ?? generation());
    },
    health(now, g = generation()) {
      const degraded = rng.chance(0.1);
      const stale = degraded ? Array.from({ length: rng.int(1, 3) }, () => rng.pick(symbols)) : [];
      return healthMessage(
        session,
        {
          status: degraded ? 'degraded' : 'healthy',
          activeSymbols: symbols.length - stale.length,
          ticksPerSecond: round(symbols.length * rng.between(0.8, 2.5), 1),
          patternsDetected: totals.patterns,
          indicatorsCalculated: totals.indicators,
          staleSymbols: [...new Set(stale)],
          cpuPercent: round(rng.between(8, 45), 1),
          memoryMb: rng.int(400, 1600),
          processingLagMs: rng.int(5, degraded ? 900 : 60),
        },
        now,
        g,
      );
    },
    indicatorAlert(now, type = rng.pick(INDICATOR_ALERT_TYPES), symbol = rng.pick(symbols), g = generation()) {
      return indicatorAlertMessage({ type, symbol, time: now, sessionId: session.id, value: alertValue(type, rng) }, g);
    },
    criticalAlert: (now, g = generation()) => criticalAlertMessage(rng, now, g),
  };
}
