// One Kysely over one pg Pool, tuned so that a PostgreSQL that is down or stuck gives a quick
// error instead of a hang: a dead server refuses at once, an unreachable one fails after the
// connection timeout, a stuck statement is cancelled by the server (statement_timeout) and, if the
// server does not answer at all, abandoned by the client (query_timeout).
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { translated } from './errors';
import { registerPool } from './prepared';
import type { Database } from './schema';

export type DbOptions = {
  /** Shown in pg_stat_activity, so an operator sees which service holds a connection. */
  applicationName?: string;
  maxConnections?: number;
  connectionTimeoutMs?: number;
  statementTimeoutMs?: number;
  /** Client-side deadline; longer than statementTimeoutMs so the server's cancel normally wins. */
  queryTimeoutMs?: number;
  idleTimeoutMs?: number;
  /**
   * An idle pooled connection failed (the server restarted or closed it). The pool drops it and
   * the next query gets a fresh one; without a listener, node would crash on the 'error' event.
   */
  onPoolError?: (err: Error) => void;
  /**
   * Plan each named prepared statement once per connection (plan_cache_mode=force_generic_plan)
   * instead of once per execution: PostgreSQL otherwise keeps re-planning a statement whose custom
   * plans never cost more than its generic one. For services whose hot reads are prepared.ts
   * statements with one good plan (an index range on symbol and time); unnamed queries are planned
   * per execution either way.
   */
  genericPlans?: boolean;
};

/** The connection startup option genericPlans sets (the query bench's pg floor uses it too). */
export const GENERIC_PLANS_STARTUP_OPTION = '-c plan_cache_mode=force_generic_plan';

export const DB_DEFAULTS = {
  maxConnections: 10,
  connectionTimeoutMs: 2_000,
  statementTimeoutMs: 5_000,
  idleTimeoutMs: 10_000,
} as const;

export function createDb(url: string, opts: DbOptions = {}): Kysely<Database> {
  const statementTimeout = opts.statementTimeoutMs ?? DB_DEFAULTS.statementTimeoutMs;
  const pool = new pg.Pool({
    connectionString: url,
    application_name: opts.applicationName ?? 'tickstock',
    max: opts.maxConnections ?? DB_DEFAULTS.maxConnections,
    connectionTimeoutMillis: opts.connectionTimeoutMs ?? DB_DEFAULTS.connectionTimeoutMs,
    idleTimeoutMillis: opts.idleTimeoutMs ?? DB_DEFAULTS.idleTimeoutMs,
    statement_timeout: statementTimeout,
    query_timeout: opts.queryTimeoutMs ?? statementTimeout + 1_000,
    // A transaction left open by a crashed caller must not hold locks forever.
    idle_in_transaction_session_timeout: Math.max(statementTimeout * 2, 10_000),
    keepAlive: true,
    ...(opts.genericPlans ? { options: GENERIC_PLANS_STARTUP_OPTION } : {}),
  });
  const onPoolError = opts.onPoolError ?? ((_err: Error) => undefined);
  pool.on('error', onPoolError);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  registerPool(db, pool);
  return db;
}

export type PingResult = { ok: true } | { ok: false; error: string };

/** Whether the database answers `select 1` (for /readyz), with the reason when it does not. */
export async function pingDb(db: Kysely<Database>): Promise<PingResult> {
  try {
    await translated(() => sql`select 1`.execute(db));
    return { ok: true };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** The handle services pass around (apps never import kysely themselves). */
export type Db = Kysely<Database>;
