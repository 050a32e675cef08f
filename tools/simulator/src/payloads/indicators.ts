// Indicator calculations in each generation (TICKSTOCKPL-FORMATS.md, "Indicator"): C (and B)
// send a scalar `value` with details in `metadata`, as the producer does today; A sends named
// `values{}` (RSI `{value}`, SMA `{sma_20,sma_50}`, MACD `{macd,signal,histogram}`,
// BollingerBands `{upper,middle,lower}`).
import { CHANNELS } from '@tickstock/contracts';
import type { Market } from './market';
import { isoZ, pythonNaive } from './time-formats';
import { out, type Generation, type Outgoing } from './types';

export const INDICATOR_KINDS = ['RSI', 'SMA5', 'SMA20', 'MACD', 'BollingerBands'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export type Calculation = { kind: IndicatorKind; symbol: string; time: Date; timeframe: string; sessionId: string };

export function indicatorMessage(c: Calculation, market: Market, generation: Generation): Outgoing {
  const payload = generation === 'A' ? aPayload(c, market) : cPayload(c, market);
  return out(CHANNELS.indicatorsStreaming, `indicator.${generation}.${c.kind}`, payload);
}

function cPayload(c: Calculation, market: Market): unknown {
  const { value, metadata } = scalar(c, market);
  return {
    type: 'streaming_indicator',
    calculation: { symbol: c.symbol, indicator: c.kind, value, timestamp: isoZ(c.time), timeframe: c.timeframe, metadata },
  };
}

/** C's scalar and the details the producer puts beside it in `metadata` (samples.jsonl, indicator.C). */
function scalar(c: Calculation, market: Market): { value: number; metadata: Record<string, number> } {
  switch (c.kind) {
    case 'RSI': {
      const value = market.rsi(c.symbol);
      return { value, metadata: { period: 14, value } };
    }
    case 'SMA5':
    case 'SMA20': {
      const period = c.kind === 'SMA5' ? 5 : 20;
      const value = market.sma(c.symbol, period);
      return { value, metadata: { sma: value, period, bars_used: period * 2, latest_close: market.lastClose(c.symbol), value } };
    }
    case 'MACD': {
      const m = market.macd(c.symbol);
      return { value: m.macd, metadata: { ...m } };
    }
    case 'BollingerBands': {
      const b = market.bollinger(c.symbol);
      return { value: b.middle, metadata: { ...b, period: 20 } };
    }
  }
}

function aPayload(c: Calculation, market: Market): unknown {
  const time = pythonNaive(c.time);
  return {
    event: 'indicator_calculated',
    session_id: c.sessionId,
    timestamp: time,
    calculation: { indicator_type: aName(c.kind), symbol: c.symbol, timestamp: time, values: aValues(c, market), timeframe: c.timeframe },
  };
}

/** A names SMAs `SMA` and carries both averages in `values` (TICKSTOCKPL-FORMATS.md, "Indicator"). */
function aName(kind: IndicatorKind): string {
  return kind === 'SMA5' || kind === 'SMA20' ? 'SMA' : kind;
}

function aValues(c: Calculation, market: Market): Record<string, number> {
  switch (c.kind) {
    case 'RSI':
      return { value: market.rsi(c.symbol) };
    case 'SMA5':
    case 'SMA20':
      return { sma_20: market.sma(c.symbol, 20), sma_50: market.sma(c.symbol, 50) };
    case 'MACD':
      return { ...market.macd(c.symbol) };
    case 'BollingerBands':
      return { ...market.bollinger(c.symbol) };
  }
}
