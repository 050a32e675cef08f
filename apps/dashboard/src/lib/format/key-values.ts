// Free-form producer objects (health data_flow and resources, alert data) as label/value pairs.
// Nested objects are flattened one level ("queue · depth"), arrays are listed, and the whole is
// bounded so one odd payload cannot fill the screen. Values are text: Svelte escapes them.
import { humanize } from './labels';
import { formatNumber } from './numbers';

export type KeyValue = { key: string; label: string; text: string };

const MAX_PAIRS = 12;
const MAX_TEXT = 120;

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

export function valueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return clip(value);
  if (Array.isArray(value)) return value.length === 0 ? 'none' : clip(value.slice(0, 5).map(valueText).join(', ') + (value.length > 5 ? ` +${value.length - 5}` : ''));
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '—';
    return clip(entries.map(([k, v]) => `${humanize(k)} ${valueText(v)}`).join(', '));
  }
  // JSON has nothing else; a bigint or function from a bug still must not print as code.
  return typeof value === 'bigint' ? value.toString() : '—';
}

export function toKeyValues(obj: Record<string, unknown> | null | undefined, max = MAX_PAIRS): KeyValue[] {
  if (!obj) return [];
  const out: KeyValue[] = [];
  for (const [key, value] of Object.entries(obj)) {
    if (out.length >= max) break;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value as Record<string, unknown>)) {
        if (out.length >= max) break;
        out.push({ key: `${key}.${inner}`, label: `${humanize(key)} · ${humanize(inner)}`, text: valueText(v) });
      }
      continue;
    }
    out.push({ key, label: humanize(key), text: valueText(value) });
  }
  return out;
}
