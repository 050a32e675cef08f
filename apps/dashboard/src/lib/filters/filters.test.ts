import { SYMBOL_PATTERN } from '@tickstock/contracts';
import { describe, expect, it } from 'vitest';
import type { PatternRow } from '../stream/rows';
import { filtersToSearch, matchesPattern, matchesSymbol, parseFilters, SYMBOL_RE } from './filters';

const row = (over: Partial<PatternRow> = {}): PatternRow => ({ id: 'p', symbol: 'NVDA', pattern: 'Doji', confidence: 0.7, timestamp: '', timeframe: '1min', priority: 'normal', ...over });

describe(parseFilters.name, () => {
  it('uses the contract symbol rule', () => {
    expect(SYMBOL_RE.source).toBe(SYMBOL_PATTERN);
  });

  it('reads symbols, pattern names and the minimum confidence from the URL', () => {
    const f = parseFilters(new URLSearchParams('symbols=nvda, AAPL,,nvda&patterns=Doji,Hammer&min_conf=0.75'));
    expect(f).toEqual({ symbols: ['NVDA', 'AAPL'], patterns: ['Doji', 'Hammer'], minConfidence: 0.75 });
  });

  it('accepts the confidence as the percentage the field shows', () => {
    expect(parseFilters(new URLSearchParams('min_conf=70')).minConfidence).toBe(0.7);
  });

  it('drops what is not a symbol, such as markup, instead of sending it to the server', () => {
    expect(parseFilters(new URLSearchParams({ symbols: '<img src=x onerror=alert(1)>,MSFT' })).symbols).toEqual(['MSFT']);
  });

  it('treats junk confidence as no minimum', () => {
    for (const v of ['abc', '-3', '', 'Infinity']) expect(parseFilters(new URLSearchParams({ min_conf: v })).minConfidence).toBe(0);
  });

  it('writes filters back to a stable query string that parses to the same filters', () => {
    const f = { symbols: ['NVDA', 'AAPL'], patterns: ['Doji'], minConfidence: 0.6 };
    const search = filtersToSearch(f);
    expect(search).toBe('?symbols=NVDA%2CAAPL&patterns=Doji&min_conf=0.6');
    expect(parseFilters(new URLSearchParams(search))).toEqual(f);
    expect(filtersToSearch({ symbols: [], patterns: [], minConfidence: 0 })).toBe('');
  });
});

describe(matchesPattern.name, () => {
  const filters = { symbols: ['NVDA'], patterns: ['doji'], minConfidence: 0.6 };

  it('matches on symbol, pattern name (any case) and minimum confidence together', () => {
    expect(matchesPattern(row(), filters)).toBe(true);
    expect(matchesPattern(row({ symbol: 'AAPL' }), filters)).toBe(false);
    expect(matchesPattern(row({ pattern: 'Hammer' }), filters)).toBe(false);
    expect(matchesPattern(row({ confidence: 0.59 }), filters)).toBe(false);
  });

  it('matches everything without filters', () => {
    expect(matchesPattern(row({ confidence: 0 }), { symbols: [], patterns: [], minConfidence: 0 })).toBe(true);
  });

  it('keeps symbol-less rows (critical alerts) under a symbol filter', () => {
    expect(matchesSymbol(null, filters)).toBe(true);
    expect(matchesSymbol('aapl', filters)).toBe(false);
  });
});
