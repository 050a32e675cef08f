import { describe, expect, it } from 'vitest';
import { indicatorRow, patternRow } from '../stream/rows';
import { at, indicator, pattern } from '../stream/testing/frames';
import { buildChartData, indicatorTypes, patternMarkers } from './series';

const sec = (s: number) => Date.parse(at(s)) / 1000;

describe(buildChartData.name, () => {
  it('plots a scalar indicator as one line on a shared time axis', () => {
    const rows = [indicator({ id: '1', value: 50, timestamp: at(1) }), indicator({ id: '2', value: 60, timestamp: at(2) })].map(indicatorRow);
    expect(buildChartData(rows, 'RSI')).toEqual({ xs: [sec(1), sec(2)], series: [{ name: 'RSI', values: [50, 60] }] });
  });

  it('plots MACD as one line per named value, with gaps where a value is missing', () => {
    const rows = [
      indicator({ id: '1', indicator_type: 'MACD', value: null, values: { macd: 1, signal: 0.5 }, timestamp: at(1) }),
      indicator({ id: '2', indicator_type: 'MACD', value: null, values: { macd: 2, signal: 0.7, histogram: 1.3 }, timestamp: at(2) }),
      indicator({ id: '3', indicator_type: 'RSI', value: 50, timestamp: at(2) }),
    ].map(indicatorRow);
    expect(buildChartData(rows, 'MACD').series).toEqual([
      { name: 'macd', values: [1, 2] },
      { name: 'signal', values: [0.5, 0.7] },
      { name: 'histogram', values: [null, 1.3] },
    ]);
    expect(indicatorTypes(rows)).toEqual(['MACD', 'RSI']);
  });

  it('sorts points by time whatever order they came in', () => {
    const rows = [indicator({ id: '2', value: 2, timestamp: at(2) }), indicator({ id: '1', value: 1, timestamp: at(1) })].map(indicatorRow);
    expect(buildChartData(rows, 'RSI').series[0]?.values).toEqual([1, 2]);
  });
});

describe(patternMarkers.name, () => {
  it('places detections on the time axis with their confidence level and priority', () => {
    const markers = patternMarkers([patternRow(pattern({ confidence: 0.91, priority: 'high', timestamp: at(5) }))]);
    expect(markers).toEqual([{ x: sec(5), label: 'Doji 91%', level: 'high', priority: true }]);
  });
});
