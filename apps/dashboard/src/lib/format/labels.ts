// Producer keys → readable labels: `sma_20` → "SMA 20", `ticks_per_second` → "ticks per second".
// Indicator abbreviations stay upper-case because that is how traders write them.

const ABBREVIATIONS = new Set(['sma', 'ema', 'wma', 'macd', 'rsi', 'atr', 'adx', 'obv', 'vwap', 'bb', 'cci', 'mfi', 'roc', 'stoch', 'cpu', 'id', 'ms', 'mb', 'gb', 'api', 'db']);

export function humanize(key: string): string {
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[\s_\-.]+/)
    .filter((w) => w.length > 0);
  return words.map((w) => (ABBREVIATIONS.has(w.toLowerCase()) ? w.toUpperCase() : w.toLowerCase())).join(' ');
}
