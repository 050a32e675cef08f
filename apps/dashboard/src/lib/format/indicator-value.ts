// An indicator's value as a trader reads it: the scalar when there is one (RSI 71.23), the named
// values when there are several (MACD 1.23 · signal 0.98 · histogram 0.25), and "—" when there is
// nothing — never `{}` or `[object Object]` (TickStockAppV2 showed `{}` for MACD).
import { humanize } from './labels';
import { formatNumber } from './numbers';

export type NamedValue = { name: string; text: string };
export type IndicatorDisplay = {
  /** The scalar, formatted; null when the indicator only has named values. */
  primary: string | null;
  named: NamedValue[];
};

const MAX_NAMED = 8;

function asNumber(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

function text(v: unknown): string | null {
  const n = asNumber(v);
  if (n !== null) return formatNumber(n);
  if (typeof v === 'string' && v.trim() !== '') return v.length > 40 ? `${v.slice(0, 39)}…` : v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return null;
}

export function describeIndicator(value: number | null, values: Record<string, unknown> | null | undefined): IndicatorDisplay {
  const named: NamedValue[] = [];
  const scalar = asNumber(value);
  for (const [key, v] of Object.entries(values ?? {})) {
    if (named.length >= MAX_NAMED) break;
    // format A repeats the scalar as values.value; it is already the primary.
    if (key === 'value' && scalar !== null) continue;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      // Bands and similar groups: {bollinger: {upper, middle, lower}} → "upper", "middle", "lower".
      for (const [inner, iv] of Object.entries(v as Record<string, unknown>)) {
        const t = text(iv);
        if (t !== null && named.length < MAX_NAMED) named.push({ name: humanize(inner), text: t });
      }
      continue;
    }
    const t = text(v);
    if (t !== null) named.push({ name: humanize(key), text: t });
  }
  // A lone `value` key with no scalar is the scalar.
  if (scalar === null && named.length === 1 && Object.keys(values ?? {}).length === 1 && 'value' in (values ?? {})) {
    return { primary: named[0]!.text, named: [] };
  }
  return { primary: scalar === null ? null : formatNumber(scalar), named };
}

/** One line of text (for titles, notifications and tests). */
export function indicatorText(value: number | null, values: Record<string, unknown> | null | undefined): string {
  return displayText(describeIndicator(value, values));
}

/** indicatorText of a value already described. */
export function displayText(d: IndicatorDisplay): string {
  const parts = [...(d.primary !== null ? [d.primary] : []), ...d.named.map((n) => `${n.name} ${n.text}`)];
  return parts.length > 0 ? parts.join(' · ') : '—';
}
