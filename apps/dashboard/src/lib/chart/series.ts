// Indicator rows → the columns uPlot draws: one shared time axis (epoch seconds) and one line per
// named value of the chosen indicator (MACD → macd, signal, histogram; SMA → sma 20, sma 50; RSI
// → its scalar). Pattern detections become markers on the same axis.
import { confidenceLevel, type ConfidenceLevel } from '../format/numbers';
import type { IndicatorRow, PatternRow } from '../stream/rows';

export type ChartSeries = { name: string; values: (number | null)[] };
export type ChartData = { xs: number[]; series: ChartSeries[] };
export type PatternMarker = { x: number; label: string; level: ConfidenceLevel; priority: boolean };

const toSeconds = (iso: string) => Date.parse(iso) / 1000;

export function indicatorTypes(rows: readonly IndicatorRow[]): string[] {
  return [...new Set(rows.map((r) => r.indicator))].sort();
}

/** The plottable numbers of one row: its scalar, or its numeric named values (one level deep). */
export function components(row: IndicatorRow): Map<string, number> {
  const out = new Map<string, number>();
  if (row.value !== null && Number.isFinite(row.value)) out.set(row.indicator, row.value);
  for (const [key, v] of Object.entries(row.values)) {
    if (key === 'value' && out.size > 0) continue;
    if (typeof v === 'number' && Number.isFinite(v)) out.set(key === 'value' ? row.indicator : key, v);
    else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [inner, iv] of Object.entries(v as Record<string, unknown>)) {
        if (typeof iv === 'number' && Number.isFinite(iv)) out.set(`${key}.${inner}`, iv);
      }
    }
  }
  return out;
}

export function buildChartData(rows: readonly IndicatorRow[], indicator: string): ChartData {
  const points = new Map<number, Map<string, number>>();
  const names: string[] = [];
  for (const row of rows) {
    if (row.indicator !== indicator) continue;
    const x = toSeconds(row.timestamp);
    if (!Number.isFinite(x)) continue;
    const values = components(row);
    for (const name of values.keys()) if (!names.includes(name)) names.push(name);
    // Two values at the same instant: the later row wins, as it would on the live table.
    points.set(x, new Map([...(points.get(x) ?? []), ...values]));
  }
  const xs = [...points.keys()].sort((a, b) => a - b);
  const series = names.map((name) => ({ name, values: xs.map((x) => points.get(x)!.get(name) ?? null) }));
  return { xs, series };
}

export function patternMarkers(patterns: readonly PatternRow[]): PatternMarker[] {
  return patterns
    .map((p) => ({ x: toSeconds(p.timestamp), label: `${p.pattern} ${Math.round(p.confidence * 100)}%`, level: confidenceLevel(p.confidence), priority: p.priority === 'high' }))
    .filter((m) => Number.isFinite(m.x))
    .sort((a, b) => a.x - b.x);
}
