// The `tickstock.events.*` family (envelope patterns, backtest progress and results, system
// health) is stored too: every accepted event reaches PostgreSQL, not only the intraday ones.
// One table with a kind column, the event kept whole in jsonb; a hypertable where 0002 chose
// TimescaleDB, so retention treats it like the other time series.
import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe the schema at their point in history */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('producer_events')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('timestamp', 'timestamptz', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('symbol', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('producer_events_pkey', ['id', 'timestamp'])
    .execute();
  await db.schema.createIndex('producer_events_kind_ts_idx').on('producer_events').columns(['kind', 'timestamp desc']).execute();

  const mode = await db.selectFrom('tickstock_meta').select('value').where('key', '=', 'storage_mode').executeTakeFirst();
  if ((mode as { value?: string } | undefined)?.value === 'timescale') {
    await sql`select create_hypertable('producer_events'::regclass, by_range('timestamp', '6 hours'::interval),
      create_default_indexes => false, if_not_exists => true)`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('producer_events').ifExists().execute();
}
