// /streaming: what REST knows when the page opens (status, summary, recent alerts, and recent
// patterns of the filtered symbols); the socket brings everything after. A query service that is
// down does not block the page: the live part still works and the panels say what is missing.
import { parseFilters } from '$lib/filters/filters';
import { settle, tokenOf } from '$lib/server/guard';
import { dashboardConfig, queryClient } from '$lib/server/env';
import { alertRowFromRecord, patternRowFromRecord } from '$lib/stream/rows';
import type { PageServerLoad } from './$types';

/** REST has patterns per symbol only; seeding more than this many filtered symbols is not worth the calls. */
const MAX_SEEDED_SYMBOLS = 10;

export const load: PageServerLoad = async (event) => {
  // The page refreshes the summary with invalidate('tickstock:rest'), and after resync_required.
  event.depends('tickstock:rest');
  const token = tokenOf(event);
  const filters = parseFilters(event.url.searchParams);
  const q = queryClient();
  const single = filters.symbols.length === 1 ? filters.symbols[0] : undefined;
  const [status, summary, alerts, ...patterns] = await Promise.all([
    settle(event, () => q.status(token)),
    settle(event, () => q.summary(token, 1)),
    settle(event, () => q.alerts(token, { hours: 1, limit: 50, symbol: single })),
    ...filters.symbols.slice(0, MAX_SEEDED_SYMBOLS).map((s) => settle(event, () => q.patterns(token, s, { hours: 1, limit: 50 }))),
  ]);
  const failed = [status, summary, alerts, ...patterns].find((r) => !r.ok);
  return {
    fanoutUrl: dashboardConfig().fanoutPublicUrl,
    filters,
    status: status.ok ? status.value : null,
    summary: summary.ok ? summary.value : null,
    seedAlerts: alerts.ok ? alerts.value.map(alertRowFromRecord) : [],
    seedPatterns: patterns.flatMap((p) => (p.ok ? p.value.map(patternRowFromRecord) : [])),
    unavailable: failed && !failed.ok ? failed.message : null,
  };
};
