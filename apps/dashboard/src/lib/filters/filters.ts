// The streaming page's filters, kept in the URL so a view can be bookmarked and shared:
// `?symbols=NVDA,AAPL&patterns=Doji,Hammer&min_conf=0.7`. Symbols also narrow the socket's
// subscription; pattern names and confidence are applied in the page (the fanout has no such filter).
import type { PatternRow } from '../stream/rows';

export type Filters = {
  /** Upper-case symbols; empty: every symbol. */
  symbols: string[];
  /** Pattern names as the producer spells them; empty: every pattern. */
  patterns: string[];
  /** 0..1; 0: no minimum. */
  minConfidence: number;
};

/** CONTRACT.md's symbol rule (contracts' SYMBOL_PATTERN, restated so the page bundle does not pull the schema library; a test keeps them equal). */
export const SYMBOL_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,14}$/;
/** The fanout takes up to 1000 symbols per op; a page filter beyond 50 is a typo, not a view. */
export const MAX_FILTER_SYMBOLS = 50;
const MAX_PATTERN_NAMES = 50;
const MAX_NAME_LENGTH = 64;

/** Splits on commas and whitespace, drops empties and repeats. */
function list(raw: string | null): string[] {
  if (!raw) return [];
  return [...new Set(raw.split(/[\s,]+/).filter((s) => s.length > 0))];
}

export function parseSymbols(raw: string | null): string[] {
  return list(raw)
    .filter((s) => SYMBOL_RE.test(s))
    .map((s) => s.toUpperCase())
    .filter((s, i, all) => all.indexOf(s) === i)
    .slice(0, MAX_FILTER_SYMBOLS);
}

/** `min_conf` as 0..1, or as a percentage (70 → 0.7) since that is what the field shows. */
export function parseMinConfidence(raw: string | null): number {
  if (raw === null || raw.trim() === '') return 0;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) return 0;
  const fraction = n > 1 ? n / 100 : n;
  return Math.min(1, Math.round(fraction * 100) / 100);
}

export function parseFilters(params: URLSearchParams): Filters {
  return {
    symbols: parseSymbols(params.get('symbols')),
    patterns: list(params.get('patterns'))
      .filter((p) => p.length <= MAX_NAME_LENGTH)
      .slice(0, MAX_PATTERN_NAMES),
    minConfidence: parseMinConfidence(params.get('min_conf')),
  };
}

/** The query string for `filters` (empty when nothing is filtered), in a stable order. */
export function filtersToSearch(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.symbols.length > 0) params.set('symbols', filters.symbols.join(','));
  if (filters.patterns.length > 0) params.set('patterns', filters.patterns.join(','));
  if (filters.minConfidence > 0) params.set('min_conf', String(filters.minConfidence));
  const search = params.toString();
  return search ? `?${search}` : '';
}

export function isFiltered(filters: Filters): boolean {
  return filters.symbols.length > 0 || filters.patterns.length > 0 || filters.minConfidence > 0;
}

/** Pattern names compare case-insensitively: producers are not consistent about case. */
export function matchesPattern(row: PatternRow, filters: Filters): boolean {
  if (row.confidence < filters.minConfidence) return false;
  if (filters.symbols.length > 0 && !filters.symbols.includes(row.symbol.toUpperCase())) return false;
  if (filters.patterns.length > 0) {
    const name = row.pattern.toLowerCase();
    if (!filters.patterns.some((p) => p.toLowerCase() === name)) return false;
  }
  return true;
}

/** Rows for `symbol`-carrying tables (indicators, alerts): only the symbol filter applies. */
export function matchesSymbol(symbol: string | null, filters: Filters): boolean {
  if (filters.symbols.length === 0 || symbol === null) return true;
  return filters.symbols.includes(symbol.toUpperCase());
}
