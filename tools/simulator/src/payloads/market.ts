// A small market model, so simulated values hang together: each symbol walks its own price,
// bars are built from that walk, and indicators are computed from the symbol's recent closes
// (SMA from the closes, RSI within 0-100, MACD = EMA12 - EMA26, Bollinger = SMA20 ± 2σ).
// A dashboard chart of simulated data then looks like a market, not like noise.
import { round, type Rng } from './rng';

export type Bar = { open: number; high: number; low: number; close: number; volume: number };
export type Macd = { macd: number; signal: number; histogram: number };
export type Bands = { upper: number; middle: number; lower: number };

export type Market = {
  /** Closes one more 1-minute bar for the symbol and returns it. */
  nextBar: (symbol: string) => Bar;
  lastClose: (symbol: string) => number;
  sma: (symbol: string, period: number) => number;
  /** Wilder-style RSI over `period` closes, 0-100. */
  rsi: (symbol: string, period?: number) => number;
  macd: (symbol: string) => Macd;
  bollinger: (symbol: string) => Bands;
};

/** Enough closes for the slowest indicator (EMA26 and its 9-bar signal line). */
const HISTORY = 40;

export function createMarket(rng: Rng): Market {
  const closes = new Map<string, number[]>();

  const history = (symbol: string): number[] => {
    let h = closes.get(symbol);
    if (h === undefined) {
      // Prices of large caps: tens to hundreds of dollars.
      let price = round(rng.between(20, 600), 2);
      h = [];
      for (let i = 0; i < HISTORY; i++) h.push((price = step(price)));
      closes.set(symbol, h);
    }
    return h;
  };
  // About 0.15% per minute: a normal intraday move for a large cap.
  const step = (price: number) => round(Math.max(1, price * (1 + (rng.next() - 0.5) * 0.003)), 2);

  const sma = (symbol: string, period: number) => {
    const h = history(symbol);
    const tail = h.slice(-period);
    return round(tail.reduce((a, b) => a + b, 0) / tail.length, 3);
  };

  return {
    nextBar(symbol) {
      const h = history(symbol);
      const open = h[h.length - 1] as number;
      const close = step(open);
      h.push(close);
      if (h.length > HISTORY) h.shift();
      const spread = Math.abs(close - open) + open * rng.between(0.0002, 0.0015);
      return {
        open,
        high: round(Math.max(open, close) + spread * rng.next(), 2),
        low: round(Math.min(open, close) - spread * rng.next(), 2),
        close,
        volume: rng.int(20_000, 2_000_000),
      };
    },
    lastClose: (symbol) => history(symbol).at(-1) as number,
    sma,
    rsi(symbol, period = 14) {
      const h = history(symbol).slice(-(period + 1));
      let gain = 0;
      let loss = 0;
      for (let i = 1; i < h.length; i++) {
        const d = (h[i] as number) - (h[i - 1] as number);
        if (d > 0) gain += d;
        else loss -= d;
      }
      if (gain + loss === 0) return 50;
      return round((100 * gain) / (gain + loss), 2);
    },
    macd(symbol) {
      const line = macdLine(history(symbol));
      const macd = line.at(-1) as number;
      const signal = ema(line.slice(-9), 9);
      return { macd: round(macd, 4), signal: round(signal, 4), histogram: round(macd - signal, 4) };
    },
    bollinger(symbol) {
      const tail = history(symbol).slice(-20);
      const mean = tail.reduce((a, b) => a + b, 0) / tail.length;
      const sd = Math.sqrt(tail.reduce((a, b) => a + (b - mean) ** 2, 0) / tail.length);
      return { upper: round(mean + 2 * sd, 3), middle: round(mean, 3), lower: round(mean - 2 * sd, 3) };
    },
  };
}

function ema(values: readonly number[], period: number): number {
  const k = 2 / (period + 1);
  let e = values[0] ?? 0;
  for (let i = 1; i < values.length; i++) e = (values[i] as number) * k + e * (1 - k);
  return e;
}

/** EMA12 - EMA26 at every close, in one pass. */
function macdLine(values: readonly number[]): number[] {
  const k12 = 2 / 13;
  const k26 = 2 / 27;
  let e12 = values[0] ?? 0;
  let e26 = e12;
  return values.map((v) => {
    e12 = v * k12 + e12 * (1 - k12);
    e26 = v * k26 + e26 * (1 - k26);
    return e12 - e26;
  });
}
