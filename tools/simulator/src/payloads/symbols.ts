// The symbol universe. Real tickers first (the US large caps TickStockPL's `market_leaders`
// universes hold), so a screen of simulated data looks like a trading day; beyond them, synthetic
// but valid symbols, so `load --symbols 500` has 500 distinct ones without inventing real-looking
// companies. Every symbol passes contracts' normalizeSymbol (`^[A-Za-z0-9][A-Za-z0-9._-]{0,14}$`).

const REAL_TICKERS = [
  'AAPL', 'MSFT', 'NVDA', 'AMZN', 'GOOGL', 'META', 'BRK.B', 'TSLA', 'AVGO', 'JPM',
  'LLY', 'V', 'UNH', 'XOM', 'MA', 'JNJ', 'PG', 'HD', 'COST', 'MRK',
  'ABBV', 'CVX', 'CRM', 'BAC', 'KO', 'NFLX', 'PEP', 'AMD', 'WMT', 'TMO',
  'ADBE', 'LIN', 'MCD', 'ACN', 'CSCO', 'ABT', 'ORCL', 'DIS', 'WFC', 'INTU',
  'DHR', 'QCOM', 'VZ', 'IBM', 'CMCSA', 'TXN', 'AMGN', 'PFE', 'NOW', 'CAT',
  'PM', 'GE', 'UNP', 'ISRG', 'SPGI', 'INTC', 'COP', 'HON', 'AMAT', 'NKE',
  'LOW', 'BKNG', 'GS', 'RTX', 'UBER', 'T', 'PLD', 'ELV', 'NEE', 'MS',
  'SYK', 'BLK', 'MDT', 'SBUX', 'LMT', 'DE', 'TJX', 'BA', 'ADP', 'GILD',
  'MDLZ', 'C', 'VRTX', 'AXP', 'MMC', 'ADI', 'REGN', 'LRCX', 'SCHW', 'CVS',
  'BMY', 'CB', 'ZTS', 'PANW', 'MU', 'ETN', 'SO', 'BSX', 'FI', 'KLAC',
  'PGR', 'SNPS', 'EQIX', 'CDNS', 'DUK', 'SHW', 'ITW', 'CME', 'AON', 'NOC',
  'MO', 'CL', 'ICE', 'WM', 'MCK', 'TGT', 'APD', 'USB', 'FDX', 'PYPL',
] as const;

export const REAL_TICKER_COUNT = REAL_TICKERS.length;

/** The first `count` symbols of the universe: real tickers, then synthetic `ZZAA`, `ZZAB`, ... */
export function symbolUniverse(count: number): string[] {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`a universe needs at least 1 symbol, got ${count}`);
  const out: string[] = REAL_TICKERS.slice(0, count);
  for (let i = 0; out.length < count; i++) out.push(synthetic(i));
  return out;
}

/**
 * `ZZ` + letters (`ZZAA`..`ZZZZ`, then `ZZAAA`, ...): no listed US ticker starts with `ZZ`, so a
 * synthetic symbol is never mistaken for a company. Fixed width per block keeps them unique.
 */
function synthetic(i: number): string {
  let n = i;
  let width = 2;
  while (n >= 26 ** width) {
    n -= 26 ** width;
    width++;
  }
  let letters = '';
  for (let k = 0; k < width; k++) {
    letters = String.fromCharCode(65 + (n % 26)) + letters;
    n = Math.floor(n / 26);
  }
  return `ZZ${letters}`;
}
