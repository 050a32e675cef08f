// /streaming/[symbol]: the symbol's history from REST (patterns, indicators, alerts over the
// chosen window) for the chart and tables; the page's socket, narrowed to this symbol, adds to it.
import { error } from '@sveltejs/kit';
import { SYMBOL_RE } from '$lib/filters/filters';
import { settle, tokenOf } from '$lib/server/guard';
import { dashboardConfig, queryClient } from '$lib/server/env';
import { alertRowFromRecord, indicatorRow, patternRowFromRecord } from '$lib/stream/rows';
import type { PageServerLoad } from './$types';

/** CONTRACT.md: `hours` is an integer 1..24. */
const WINDOWS = [1, 4, 8, 24] as const;

function hoursOf(raw: string | null): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 24 ? n : 1;
}

export const load: PageServerLoad = async (event) => {
  event.depends('tickstock:rest');
  if (!SYMBOL_RE.test(event.params.symbol)) error(404, 'Not a valid symbol');
  const symbol = event.params.symbol.toUpperCase();
  const hours = hoursOf(event.url.searchParams.get('hours'));
  const token = tokenOf(event);
  const q = queryClient();
  const [patterns, indicators, alerts] = await Promise.all([
    settle(event, () => q.patterns(token, symbol, { hours, limit: 500 })),
    settle(event, () => q.indicators(token, symbol, { hours, limit: 1000 })),
    settle(event, () => q.alerts(token, { hours, symbol, limit: 100 })),
  ]);
  const failed = [patterns, indicators, alerts].find((r) => !r.ok);
  return {
    symbol,
    hours,
    windows: WINDOWS,
    fanoutUrl: dashboardConfig().fanoutPublicUrl,
    patterns: patterns.ok ? patterns.value.map(patternRowFromRecord) : [],
    indicators: indicators.ok ? indicators.value.map(indicatorRow) : [],
    alerts: alerts.ok ? alerts.value.map(alertRowFromRecord) : [],
    unavailable: failed && !failed.ok ? failed.message : null,
  };
};
