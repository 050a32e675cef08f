// Request schemas for the streaming API (CONTRACT.md, "Parameters"). Fastify validates with them
// (query values are coerced from text: `1.5` and `abc` fail `integer`) and @fastify/swagger
// shows them; every violation is a 400 naming the parameter.
import { ALERT_LIMIT_RANGE, HOURS_RANGE, LIMIT_RANGE, SYMBOL_PATTERN } from '@tickstock/contracts';
import { Type } from 'typebox';

export const SymbolParam = Type.String({
  pattern: SYMBOL_PATTERN,
  description: 'Ticker: a letter or digit, then up to 14 of letters, digits, `.`, `_`, `-`; upper-cased',
  examples: ['NVDA'],
});

export const Hours = Type.Integer({ minimum: HOURS_RANGE.min, maximum: HOURS_RANGE.max, default: 1, description: 'Window: the last N hours' });

const limit = (range: { min: number; max: number }, fallback: number) =>
  Type.Integer({ minimum: range.min, maximum: range.max, default: fallback, description: 'At most this many, newest first' });

/**
 * Names the producer chooses (indicator types, alert types) are matched exactly, through bound
 * parameters; only control characters are refused, since PostgreSQL rejects NUL in text and a
 * name with one cannot exist. Empty means "any" (CONTRACT.md writes `?indicator=&...`).
 */
const FreeName = (description: string) => Type.String({ maxLength: 64, pattern: '^[^\\u0000-\\u001f\\u007f]*$', description });

/** An optional symbol filter: empty (any) or a symbol. */
const SymbolFilter = Type.String({ pattern: `^$|${SYMBOL_PATTERN}`, description: 'Only alerts naming this symbol (upper-cased)' });

export const SymbolPath = Type.Object({ symbol: SymbolParam });

export const PatternsQuery = Type.Object({ hours: Hours, limit: limit(LIMIT_RANGE, 100) });

export const IndicatorsQuery = Type.Object({
  hours: Hours,
  indicator: Type.Optional(FreeName('Only this indicator type, e.g. `SMA5`')),
  limit: limit(LIMIT_RANGE, 200),
});

export const AlertsQuery = Type.Object({
  hours: Hours,
  alert_type: Type.Optional(FreeName('Only this alert type, e.g. `RSI_OVERBOUGHT`')),
  symbol: Type.Optional(SymbolFilter),
  limit: limit(ALERT_LIMIT_RANGE, 100),
});

export const SummaryQuery = Type.Object({ hours: Hours });
