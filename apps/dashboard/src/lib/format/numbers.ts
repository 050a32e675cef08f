// Number formatting for a trading screen: a fixed locale (en-US) so columns read the same for
// every user and tests, and precision that follows magnitude (prices need cents, RSI does not
// need eight decimals, volumes read better as 1.2M).

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 });
const small = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const abs = Math.abs(n);
  if (abs >= 1_000_000) return compact.format(n);
  if (abs !== 0 && abs < 1) return small.format(n);
  return grouped.format(n);
}

export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return Math.abs(n) >= 100_000 ? compact.format(n) : whole.format(n);
}

/** Rates such as events per second: one decimal under 10, whole above. */
export function formatRate(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return n < 10 && n % 1 !== 0 ? n.toFixed(1) : formatCount(Math.round(n));
}

/** 0..1 → "87%". */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  return `${Math.round(fraction * 100)}%`;
}

export type ConfidenceLevel = 'high' | 'medium' | 'low';

/** high at the fanout's default priority confidence (0.8, CONTRACT.md), medium from 0.6. */
export function confidenceLevel(confidence: number): ConfidenceLevel {
  if (confidence >= 0.8) return 'high';
  if (confidence >= 0.6) return 'medium';
  return 'low';
}
