// The streaming page's state: frames and REST seeds in, bounded deduplicated tables out. Frames
// are skipped when their seq is not after the last one applied (a resume that overlaps) and rows
// when their id was already shown (REST seeds overlapping live frames). Nothing here knows about
// sockets or Svelte, so tests drive it frame by frame.
//
// Rows are deduplicated as they arrive, but merged into the tables only when a snapshot is read:
// at 1,000 events/s a hundred priority patterns a second arrive one frame each, and the page reads
// a snapshot once per animation frame, so one merge (and one sort of the indicators) serves all
// the frames of that animation frame instead of copying the 1,000-row table for each of them.
import type { Health, ServerFrame, Session, SessionData } from '@tickstock/contracts';
import { reduceFrame, type Delta } from './frame-reducer';
import { byNewest, mergeNewest } from './newest-first';
import { RecentIds } from './recent-ids';
import type { AlertRow, IndicatorRow, PatternRow } from './rows';
import { compareSeq } from './seq';

export type SessionStopped = Extract<SessionData, { type: 'streaming_session_stopped' }>;

export type LiveSnapshot = {
  session: Session | null;
  /** The stop of the shown session, if it stopped. */
  stopped: SessionStopped | null;
  health: Health | null;
  patterns: readonly PatternRow[];
  /** The latest row per symbol and indicator, ordered by symbol then indicator (rows stay put). */
  indicators: readonly IndicatorRow[];
  alerts: readonly AlertRow[];
  /** Critical alerts that arrived live (not REST history): the banner's candidates. */
  criticals: readonly AlertRow[];
  totals: { patterns: number; indicators: number; alerts: number; dropped: number };
  lastSeq: string | null;
  /** When the last data frame arrived (ms since epoch). */
  lastUpdate: number | null;
  resync: { reason: string; at: number } | null;
  error: { code: string; message: string } | null;
};

export type ApplyOutcome = { applied: false } | { applied: true; delta: Delta };

export type LiveModelOptions = { maxPatterns?: number; maxAlerts?: number; maxIndicators?: number; maxCriticals?: number };

export type LiveModel = ReturnType<typeof createLiveModel>;

export function createLiveModel({ maxPatterns = 1000, maxAlerts = 200, maxIndicators = 500, maxCriticals = 5 }: LiveModelOptions = {}) {
  // Rows are new when their table does not list their id (the sets below mirror the pattern and
  // alert tables, pending rows included) and the ring of recent ids has not seen it: the tables
  // make a duplicate row impossible however long a row stays (an alert can sit among the newest
  // 200 for hours), and the ring covers rows just replaced or cut (a resume's overlap, a REST
  // seed of rows the table has moved past). Four tables' worth is ample for that; each id costs
  // ~100 bytes, and 20 tables' worth (34,000 ids) had been most of the page's heap.
  const seen = new RecentIds(4 * (maxPatterns + maxAlerts + maxIndicators));
  const patternIds = new Set<string>();
  const alertIds = new Set<string>();
  const forgetPattern = (r: PatternRow) => void patternIds.delete(r.id);
  const forgetAlert = (r: AlertRow) => void alertIds.delete(r.id);
  const latestIndicators = new Map<string, IndicatorRow>();
  let s: LiveSnapshot = {
    session: null,
    stopped: null,
    health: null,
    patterns: [],
    indicators: [],
    alerts: [],
    criticals: [],
    totals: { patterns: 0, indicators: 0, alerts: 0, dropped: 0 },
    lastSeq: null,
    lastUpdate: null,
    resync: null,
    error: null,
  };
  /** Accepted pattern rows not merged into s.patterns yet (see the header). */
  let pendingPatterns: PatternRow[] = [];
  /** latestIndicators changed since s.indicators was built. */
  let indicatorsDirty = false;

  const fresh = <T extends { id: string }>(rows: readonly T[], table?: Set<string>) => rows.filter((r) => !table?.has(r.id) && seen.add(r.id));

  /** Folds what arrived since the last read into the snapshot's tables. */
  function settle(): void {
    if (pendingPatterns.length > 0) {
      const incoming = pendingPatterns;
      pendingPatterns = [];
      s = { ...s, patterns: mergeNewest(s.patterns, incoming, maxPatterns, forgetPattern) };
    }
    if (indicatorsDirty) {
      indicatorsDirty = false;
      const indicators = [...latestIndicators.values()].sort((a, b) => (a.symbol === b.symbol ? cmp(a.indicator, b.indicator) : cmp(a.symbol, b.symbol)));
      s = { ...s, indicators };
    }
  }

  function addIndicators(rows: readonly IndicatorRow[]): IndicatorRow[] {
    const accepted = fresh(rows);
    if (accepted.length === 0) return accepted;
    for (const row of accepted) {
      const current = latestIndicators.get(row.key);
      if (current && current.timestamp > row.timestamp) continue;
      latestIndicators.delete(row.key); // re-insert: Map order is then least recently updated first
      latestIndicators.set(row.key, row);
      indicatorsDirty = true;
    }
    for (const key of latestIndicators.keys()) {
      if (latestIndicators.size <= maxIndicators) break;
      latestIndicators.delete(key);
    }
    return accepted;
  }

  function addPatterns(rows: readonly PatternRow[]): PatternRow[] {
    const accepted = fresh(rows, patternIds);
    if (accepted.length > 0) {
      for (const row of accepted) {
        pendingPatterns.push(row);
        patternIds.add(row.id);
      }
      // A page nobody reads (a background tab gets no animation frames) still stays bounded.
      if (pendingPatterns.length >= maxPatterns) settle();
    }
    return accepted;
  }

  function addAlerts(rows: readonly AlertRow[], live: boolean): AlertRow[] {
    const accepted = fresh(rows, alertIds);
    if (accepted.length === 0) return accepted;
    for (const row of accepted) alertIds.add(row.id);
    s = { ...s, alerts: mergeNewest(s.alerts, accepted, maxAlerts, forgetAlert) };
    const critical = accepted.filter((a) => a.kind === 'critical');
    if (live && critical.length > 0) s = { ...s, criticals: [...critical.sort(byNewest), ...s.criticals].slice(0, maxCriticals) };
    return accepted;
  }

  return {
    snapshot: (): LiveSnapshot => {
      settle();
      return s;
    },

    /** The resume position, without building the tables. */
    lastSeq: (): string | null => s.lastSeq,

    apply(frame: ServerFrame, now: number): ApplyOutcome {
      if (frame.seq !== undefined) {
        if (s.lastSeq !== null && compareSeq(frame.seq, s.lastSeq) <= 0) return { applied: false };
        s = { ...s, lastSeq: frame.seq };
      }
      const d = reduceFrame(frame);
      // Only the first welcome sets the position: after a reconnect the page resumes from what it has.
      if (d.welcome && s.lastSeq === null) s = { ...s, lastSeq: d.welcome.lastSeq };
      // After a resync the stream may have been reset, so later seqs can be lower than ours.
      if (d.resync !== undefined) s = { ...s, lastSeq: null, resync: { reason: d.resync, at: now } };
      if (d.error) s = { ...s, error: d.error };
      if (d.session !== undefined && d.session?.session_id !== s.session?.session_id) s = { ...s, stopped: null };
      if (d.session !== undefined) s = { ...s, session: d.session };
      if (d.stopped) s = { ...s, stopped: d.stopped };
      if (d.health !== undefined) s = { ...s, health: d.health };
      const delta: Delta = { ...d, patterns: addPatterns(d.patterns), indicators: addIndicators(d.indicators), alerts: addAlerts(d.alerts, true) };
      const t = s.totals;
      s = {
        ...s,
        totals: {
          patterns: t.patterns + delta.patterns.length,
          indicators: t.indicators + delta.indicators.length,
          alerts: t.alerts + delta.alerts.length,
          dropped: t.dropped + d.dropped,
        },
      };
      if (d.events > 0) s = { ...s, lastUpdate: now };
      return { applied: true, delta };
    },

    /** History from REST (on load and after resync_required): deduplicated like live rows. */
    seed(rows: { patterns?: readonly PatternRow[]; indicators?: readonly IndicatorRow[]; alerts?: readonly AlertRow[] }) {
      addPatterns(rows.patterns ?? []);
      addIndicators(rows.indicators ?? []);
      addAlerts(rows.alerts ?? [], false);
    },

    /**
     * The state REST reports (on load, and on each refresh): it fills in what the socket has not
     * said yet, and never replaces a newer health report or the session the socket announced.
     */
    seedStatus(status: { session: Session | null; health: Health | null }) {
      const health = status.health && (!s.health || status.health.timestamp > s.health.timestamp) ? status.health : s.health;
      s = { ...s, session: s.session ?? status.session, health };
    },

    dismissCritical(id: string) {
      s = { ...s, criticals: s.criticals.filter((a) => a.id !== id) };
    },
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
