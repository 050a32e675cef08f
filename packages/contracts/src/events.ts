// Normalized events: what the ingest makes of every TickStockPL payload generation
// (see TICKSTOCKPL-FORMATS.md) and what the fanout, the store and the browser read.
// Field names follow CONTRACT.md (the old TickStockAppV2 wire names), so one shape serves
// the WebSocket frames, the REST bodies and the database rows.
import { Type, type Static } from 'typebox';

/** UTC ISO 8601 with milliseconds, e.g. 2025-10-07T12:14:54.000Z. */
export const IsoTime = Type.String({ format: 'date-time', description: 'UTC ISO 8601 with milliseconds' });
const Json = Type.Record(Type.String(), Type.Unknown());
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const BarData = Type.Object({
  open: Nullable(Type.Number()),
  high: Nullable(Type.Number()),
  low: Nullable(Type.Number()),
  close: Nullable(Type.Number()),
  volume: Nullable(Type.Number()),
});
export type BarData = Static<typeof BarData>;

export const Pattern = Type.Object({
  id: Type.String(),
  pattern_type: Type.String(),
  symbol: Type.String(),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
  timestamp: IsoTime,
  timeframe: Type.String(),
  parameters: Json,
  bar_data: Nullable(BarData),
  metadata: Json,
  session_id: Nullable(Type.String()),
  priority: Type.Union([Type.Literal('high'), Type.Literal('normal')]),
});
export type Pattern = Static<typeof Pattern>;

export const Indicator = Type.Object({
  id: Type.String(),
  indicator_type: Type.String(),
  symbol: Type.String(),
  /** The scalar (format C `value`, or A's `values.value`); null when only named values exist. */
  value: Nullable(Type.Number()),
  /** Named values (A: SMA `{sma_20,sma_50}`, MACD `{macd,signal,histogram}`, ...); may be empty. */
  values: Type.Record(Type.String(), Type.Unknown()),
  timestamp: IsoTime,
  timeframe: Type.String(),
  metadata: Json,
  session_id: Nullable(Type.String()),
});
export type Indicator = Static<typeof Indicator>;

export const IndicatorAlert = Type.Object({
  id: Type.String(),
  alert_type: Type.String(),
  symbol: Type.String(),
  severity: Type.String(),
  data: Json,
  timestamp: IsoTime,
  session_id: Nullable(Type.String()),
});
export type IndicatorAlert = Static<typeof IndicatorAlert>;

export const CriticalAlert = Type.Object({
  id: Type.String(),
  /** The alert's kind: flat `type` (e.g. CONNECTION_LOST), or a wrapped alert's `component`. */
  type: Type.String(),
  message: Type.String(),
  severity: Type.String(),
  timestamp: IsoTime,
  data: Json,
});
export type CriticalAlert = Static<typeof CriticalAlert>;

export const Session = Type.Object({
  session_id: Type.String(),
  universe: Nullable(Type.String()),
  start_time: IsoTime,
  symbol_count: Type.Number(),
  status: Type.String(),
  trigger_type: Type.Optional(Nullable(Type.String())),
});
export type Session = Static<typeof Session>;

export const SessionStopped = Type.Object({
  session_id: Type.String(),
  stopped_at: IsoTime,
  duration_seconds: Nullable(Type.Number()),
  total_patterns: Nullable(Type.Number()),
  total_indicators: Nullable(Type.Number()),
  final_status: Type.String(),
  reason: Type.Optional(Nullable(Type.String())),
});
export type SessionStopped = Static<typeof SessionStopped>;

export const Health = Type.Object({
  timestamp: IsoTime,
  session_id: Nullable(Type.String()),
  status: Type.String(),
  active_symbols: Nullable(Type.Number()),
  ticks_per_second: Nullable(Type.Number()),
  patterns_detected: Nullable(Type.Number()),
  indicators_calculated: Nullable(Type.Number()),
  issues: Type.Array(Type.String()),
  data_flow: Nullable(Json),
  resources: Nullable(Json),
  connection: Nullable(Json),
  /** Everything else the producer sent (stale_symbols, uptime_seconds, ...): kept, not dropped. */
  extra: Json,
});
export type Health = Static<typeof Health>;

export const EnvelopePattern = Type.Object({
  id: Type.String(),
  symbol: Type.String(),
  pattern: Type.String(),
  confidence: Nullable(Type.Number()),
  timestamp: IsoTime,
  source: Nullable(Type.String()),
  event_type: Nullable(Type.String()),
  /** flow_id, tier, price_change, current_price, volume, expires_at, indicators{} and any other field. */
  data: Json,
});
export type EnvelopePattern = Static<typeof EnvelopePattern>;

export const BacktestProgress = Type.Object({
  id: Type.String(),
  job_id: Type.String(),
  progress: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
  status: Nullable(Type.String()),
  timestamp: IsoTime,
  source: Nullable(Type.String()),
  data: Json,
});
export type BacktestProgress = Static<typeof BacktestProgress>;

export const BacktestResult = Type.Object({
  id: Type.String(),
  job_id: Type.String(),
  status: Nullable(Type.String()),
  results: Json,
  timestamp: IsoTime,
  source: Nullable(Type.String()),
  data: Json,
});
export type BacktestResult = Static<typeof BacktestResult>;

export const SystemHealth = Type.Object({
  id: Type.String(),
  status: Type.String(),
  metrics: Json,
  timestamp: IsoTime,
  source: Nullable(Type.String()),
  data: Json,
});
export type SystemHealth = Static<typeof SystemHealth>;

/** One normalized event. `kind` says which; `data` is the shape CONTRACT.md names for it. */
export type NormalizedEvent =
  | { kind: 'pattern'; data: Pattern }
  | { kind: 'indicator'; data: Indicator }
  | { kind: 'indicator_alert'; data: IndicatorAlert }
  | { kind: 'critical_alert'; data: CriticalAlert }
  | { kind: 'session_started'; data: Session }
  | { kind: 'session_stopped'; data: SessionStopped }
  | { kind: 'health'; data: Health }
  | { kind: 'envelope_pattern'; data: EnvelopePattern }
  | { kind: 'backtest_progress'; data: BacktestProgress }
  | { kind: 'backtest_result'; data: BacktestResult }
  | { kind: 'system_health'; data: SystemHealth };

export type EventKind = NormalizedEvent['kind'];
export type EventOf<K extends EventKind> = Extract<NormalizedEvent, { kind: K }>;
