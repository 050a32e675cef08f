// The initial schema (see ../schema.ts for the column types Kysely checks against).
// Time-series tables have primary key (id, timestamp): TimescaleDB requires every unique index
// of a hypertable to include the time column, and the normalized events carry deterministic ids,
// so a replayed event is a conflict we skip (ON CONFLICT DO NOTHING).
// Longer than most files: a migration is read as one unit, and splitting it would hide the order.
import { sql, type Kysely } from 'kysely';

// Migrations use Kysely<any> on purpose: they describe the schema at that point in history.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('intraday_patterns')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('timestamp', 'timestamptz', (c) => c.notNull())
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('pattern_type', 'text', (c) => c.notNull())
    .addColumn('confidence', 'double precision', (c) => c.notNull())
    .addColumn('timeframe', 'text', (c) => c.notNull())
    .addColumn('parameters', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('bar_data', 'jsonb')
    .addColumn('metadata', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('session_id', 'text')
    .addColumn('priority', 'text', (c) => c.notNull().defaultTo('normal'))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('intraday_patterns_pkey', ['id', 'timestamp'])
    .execute();
  // "One symbol, newest first, last N hours" (GET /patterns/{symbol}).
  await db.schema.createIndex('intraday_patterns_symbol_ts_idx').on('intraday_patterns').columns(['symbol', 'timestamp desc']).execute();
  // Time-window aggregates (summary): distribution by type and events per symbol, index-only.
  await db.schema
    .createIndex('intraday_patterns_ts_type_idx')
    .on('intraday_patterns')
    .columns(['timestamp', 'pattern_type', 'symbol'])
    .execute();

  await db.schema
    .createTable('intraday_indicators')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('timestamp', 'timestamptz', (c) => c.notNull())
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('indicator_type', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('values', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('timeframe', 'text', (c) => c.notNull())
    .addColumn('metadata', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('session_id', 'text')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('intraday_indicators_pkey', ['id', 'timestamp'])
    .execute();
  await db.schema.createIndex('intraday_indicators_symbol_ts_idx').on('intraday_indicators').columns(['symbol', 'timestamp desc']).execute();
  // GET /indicators/{symbol}?indicator=SMA5
  await db.schema
    .createIndex('intraday_indicators_symbol_type_ts_idx')
    .on('intraday_indicators')
    .columns(['symbol', 'indicator_type', 'timestamp desc'])
    .execute();
  await db.schema.createIndex('intraday_indicators_ts_symbol_idx').on('intraday_indicators').columns(['timestamp', 'symbol']).execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('timestamp', 'timestamptz', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('alert_type', 'text', (c) => c.notNull())
    .addColumn('symbol', 'text')
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('alert_data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('session_id', 'text')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('alerts_pkey', ['id', 'timestamp'])
    .addCheckConstraint('alerts_kind_check', sql`kind in ('indicator', 'critical')`)
    .execute();
  // GET /alerts: the window alone (scanned backwards for newest first), by type, by symbol.
  await db.schema.createIndex('alerts_ts_symbol_idx').on('alerts').columns(['timestamp', 'symbol']).execute();
  await db.schema.createIndex('alerts_type_ts_idx').on('alerts').columns(['alert_type', 'timestamp desc']).execute();
  await db.schema.createIndex('alerts_symbol_ts_idx').on('alerts').columns(['symbol', 'timestamp desc']).execute();

  // Counts the producer reports are stored as double precision: they arrive as JSON numbers we do
  // not control, and one 12.5 or a counter past 2^31 must not make a whole batch fail.
  await db.schema
    .createTable('streaming_sessions')
    .addColumn('session_id', 'text', (c) => c.primaryKey())
    .addColumn('universe', 'text')
    .addColumn('start_time', 'timestamptz', (c) => c.notNull())
    .addColumn('symbol_count', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('trigger_type', 'text')
    .addColumn('stopped_at', 'timestamptz')
    .addColumn('duration_seconds', 'double precision')
    .addColumn('total_patterns', 'double precision')
    .addColumn('total_indicators', 'double precision')
    .addColumn('final_status', 'text')
    .addColumn('stop_reason', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('streaming_sessions_start_idx').on('streaming_sessions').columns(['start_time desc']).execute();

  await db.schema
    .createTable('streaming_health')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('timestamp', 'timestamptz', (c) => c.notNull())
    .addColumn('session_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('active_symbols', 'double precision')
    .addColumn('ticks_per_second', 'double precision')
    .addColumn('patterns_detected', 'double precision')
    .addColumn('indicators_calculated', 'double precision')
    .addColumn('issues', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('data_flow', 'jsonb')
    .addColumn('resources', 'jsonb')
    .addColumn('connection', 'jsonb')
    .addColumn('extra', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('streaming_health_pkey', ['id', 'timestamp'])
    .execute();
  await db.schema.createIndex('streaming_health_ts_idx').on('streaming_health').columns(['timestamp desc']).execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('viewer').check(sql`role in ('viewer', 'admin')`))
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('tickstock_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['tickstock_meta', 'users', 'streaming_health', 'streaming_sessions', 'alerts', 'intraday_indicators', 'intraday_patterns']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
