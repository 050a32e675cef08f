// The database as Kysely sees it: one interface per table, in one place. The migrations under
// ./migrations create exactly these columns (they use Kysely<any>, as Kysely advises, so an old
// migration never changes meaning when this file moves on).
import type { BarData } from '@tickstock/contracts';
import type { ColumnType, Generated, GeneratedAlways, JSONColumnType } from 'kysely';

/** timestamptz: pg hands back a Date; we write ISO strings (the normalized events carry them). */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T extends object | null = Record<string, unknown>> = JSONColumnType<T, string, string>;
// JSON is written as a string we stringify ourselves: pg would turn a JS array into a PostgreSQL
// array literal, not JSON (Health.issues is an array).
type NullableJson<T extends object> = JSONColumnType<T | null, string | null, string | null>;

/** The tables that grow with the stream; hypertables under TimescaleDB, pruned otherwise. */
export const TIME_SERIES_TABLES = ['intraday_patterns', 'intraday_indicators', 'alerts', 'streaming_health', 'producer_events'] as const;
export type TimeSeriesTable = (typeof TIME_SERIES_TABLES)[number];

export interface IntradayPatternsTable {
  id: string;
  timestamp: Timestamp;
  symbol: string;
  pattern_type: string;
  confidence: number;
  timeframe: string;
  parameters: Json;
  bar_data: NullableJson<BarData>;
  metadata: Json;
  session_id: string | null;
  priority: string;
  received_at: Generated<Date>;
}

export interface IntradayIndicatorsTable {
  id: string;
  timestamp: Timestamp;
  symbol: string;
  indicator_type: string;
  value: number | null;
  values: Json;
  timeframe: string;
  metadata: Json;
  session_id: string | null;
  received_at: Generated<Date>;
}

export type AlertKind = 'indicator' | 'critical';

/** Indicator alerts and critical alerts in one table, told apart by `kind`. */
export interface AlertsTable {
  id: string;
  timestamp: Timestamp;
  kind: AlertKind;
  alert_type: string;
  symbol: string | null;
  severity: string;
  message: string | null;
  alert_data: Json;
  session_id: string | null;
  received_at: Generated<Date>;
}

/** One row per session: the started event's fields, then the stopped event's when it comes. */
export interface StreamingSessionsTable {
  session_id: string;
  universe: string | null;
  start_time: Timestamp;
  symbol_count: number;
  status: string;
  trigger_type: string | null;
  stopped_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  duration_seconds: number | null;
  total_patterns: number | null;
  total_indicators: number | null;
  final_status: string | null;
  stop_reason: string | null;
  updated_at: Generated<Date>;
}

export interface StreamingHealthTable {
  /** Health events carry no id: `<session_id or ->@<timestamp>` makes a replay a duplicate. */
  id: string;
  timestamp: Timestamp;
  session_id: string | null;
  status: string;
  active_symbols: number | null;
  ticks_per_second: number | null;
  patterns_detected: number | null;
  indicators_calculated: number | null;
  issues: Json<string[]>;
  data_flow: NullableJson<Record<string, unknown>>;
  resources: NullableJson<Record<string, unknown>>;
  connection: NullableJson<Record<string, unknown>>;
  extra: Json;
  received_at: Generated<Date>;
}

export type UserRole = 'viewer' | 'admin';

export interface UsersTable {
  id: GeneratedAlways<number>;
  username: string;
  password_hash: string;
  role: ColumnType<UserRole, UserRole | undefined, UserRole>;
  failed_attempts: Generated<number>;
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Generated<Date>;
}

/** The `tickstock.events.*` family: envelope patterns, backtest progress/results, system health. */
export interface ProducerEventsTable {
  id: string;
  timestamp: Timestamp;
  kind: 'envelope_pattern' | 'backtest_progress' | 'backtest_result' | 'system_health';
  symbol: string | null;
  data: Json;
  received_at: Generated<Date>;
}

/** Small facts about this database, e.g. which storage mode the migrations chose. */
export interface TickstockMetaTable {
  key: string;
  value: string;
  updated_at: Generated<Date>;
}

export interface Database {
  intraday_patterns: IntradayPatternsTable;
  intraday_indicators: IntradayIndicatorsTable;
  alerts: AlertsTable;
  streaming_sessions: StreamingSessionsTable;
  streaming_health: StreamingHealthTable;
  producer_events: ProducerEventsTable;
  users: UsersTable;
  tickstock_meta: TickstockMetaTable;
}
