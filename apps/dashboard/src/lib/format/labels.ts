// Producer keys → readable labels: `sma_20` → "SMA 20", `ticks_per_second` → "ticks per second".
// Indicator abbreviations stay upper-case because that is how traders write them.

const ABBREVIATIONS = new Set(['sma', 'ema', 'wma', 'macd', 'rsi', 'atr', 'adx', 'obv', 'vwap', 'bb', 'cci', 'mfi', 'roc', 'stoch', 'cpu', 'id', 'api', 'db']);
/** Units keep their own spelling. */
const UNITS: Record<string, string> = { ms: 'ms', s: 's', kb: 'kB', mb: 'MB', gb: 'GB', pct: '%' };

export function humanize(key: string): string {
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[\s_\-.]+/)
    .filter((w) => w.length > 0);
  return words
    .map((w) => {
      const lower = w.toLowerCase();
      return UNITS[lower] ?? (ABBREVIATIONS.has(lower) ? w.toUpperCase() : lower);
    })
    .join(' ');
}
