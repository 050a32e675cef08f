import { PRIORITY_CONFIDENCE_DEFAULT } from '@tickstock/contracts';
import { describe, expect, it } from 'vitest';
import { alertRowFromRecord, patternRowFromRecord, PRIORITY_CONFIDENCE } from './rows';
import { at } from './testing/frames';

describe('rows from REST records', () => {
  it('marks a stored pattern high priority at the contract default priority confidence', () => {
    expect(PRIORITY_CONFIDENCE).toBe(PRIORITY_CONFIDENCE_DEFAULT);
    const base = { id: 'p', pattern_type: 'Doji', symbol: 'NVDA', timestamp: at(0), parameters: {}, timeframe: '1min', bar_data: null, metadata: {}, session_id: null };
    expect(patternRowFromRecord({ ...base, confidence: 0.8 }).priority).toBe('high');
    expect(patternRowFromRecord({ ...base, confidence: 0.79 }).priority).toBe('normal');
  });

  it('reads a stored alert without a symbol as a critical alert', () => {
    const base = { id: 'a', alert_type: 'CONNECTION_LOST', severity: 'critical', message: 'feed lost', timestamp: at(0), alert_data: {}, session_id: null };
    expect(alertRowFromRecord({ ...base, symbol: null }).kind).toBe('critical');
    expect(alertRowFromRecord({ ...base, symbol: 'NVDA', alert_type: 'RSI_OVERBOUGHT' }).kind).toBe('indicator');
  });
});
