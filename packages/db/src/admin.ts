// Whole-database operations for test harnesses and local tooling: a migrated template database
// per server, cheap clones of it, and their removal. Names are identifiers, which PostgreSQL
// cannot take as bind parameters, so they are checked against a strict pattern and quoted.
import { sql, type Kysely } from 'kysely';
import { createDb } from './create-db';
import { translated } from './errors';
import { migrateToLatest } from './migrator';
import type { Database } from './schema';

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const OBJECT_IN_USE = '55006'; // "source database is being accessed by other users"

export function assertDatabaseName(name: string): string {
  if (!NAME.test(name)) throw new RangeError(`not a safe database name: ${JSON.stringify(name)} (want ${NAME.source})`);
  return name;
}

/** `url` with its database replaced by `name`. */
export function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${assertDatabaseName(name)}`;
  return u.toString();
}

// Admin statements (CREATE DATABASE of a big template, DROP ... FORCE) may outlast a query's budget.
function adminDb(url: string): Kysely<Database> {
  return createDb(url, { applicationName: 'tickstock-admin', maxConnections: 1, statementTimeoutMs: 120_000 });
}

/**
 * Runs `fn` on one connection to the server at `url` while holding a session advisory lock on
 * `key`, so test files starting together in several processes build the template once.
 */
async function withServerLock<T>(url: string, key: string, fn: (conn: Kysely<Database>) => Promise<T>): Promise<T> {
  const db = adminDb(url);
  try {
    return await translated(() =>
      db.connection().execute(async (conn) => {
        await sql`select pg_advisory_lock(hashtext(${key}))`.execute(conn);
        try {
          return await fn(conn);
        } finally {
          await sql`select pg_advisory_unlock(hashtext(${key}))`.execute(conn);
        }
      }),
    );
  } finally {
    await db.destroy();
  }
}

/**
 * Makes `template` exist on the server and carry every migration, then marks it a template that
 * accepts no connections: CREATE DATABASE ... TEMPLATE needs it idle, and TimescaleDB's job
 * scheduler would otherwise stay connected to it. A half-built one (a crash mid-way: not yet
 * marked) is dropped and built again.
 */
export async function ensureTemplateDatabase(url: string, template: string): Promise<void> {
  assertDatabaseName(template);
  await withServerLock(url, template, async (conn) => {
    const existing = await sql<{ datistemplate: boolean }>`select datistemplate from pg_database where datname = ${template}`.execute(conn);
    const ready = existing.rows[0]?.datistemplate === true;
    if (existing.rows.length > 0 && !ready) await sql`drop database ${sql.id(template)} with (force)`.execute(conn);
    if (!ready) await sql`create database ${sql.id(template)}`.execute(conn);
    await sql`alter database ${sql.id(template)} with allow_connections true`.execute(conn);

    const templateDb = adminDb(databaseUrl(url, template));
    try {
      await migrateToLatest(templateDb);
    } finally {
      await templateDb.destroy();
    }

    await sql`alter database ${sql.id(template)} with is_template true allow_connections false`.execute(conn);
    await terminateConnections(conn, template);
  });
}

/** CREATE DATABASE name TEMPLATE template; returns the new database's URL. */
export async function createDatabaseFromTemplate(url: string, name: string, template: string): Promise<string> {
  assertDatabaseName(name);
  assertDatabaseName(template);
  await withServerLock(url, template, async (conn) => {
    // A background worker may still be leaving the template (TimescaleDB); retry briefly.
    for (let attempt = 1; ; attempt++) {
      try {
        await sql`create database ${sql.id(name)} template ${sql.id(template)}`.execute(conn);
        return;
      } catch (err) {
        if ((err as { code?: unknown }).code !== OBJECT_IN_USE || attempt >= 20) throw err;
        await terminateConnections(conn, template);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });
  return databaseUrl(url, name);
}

/**
 * CREATE DATABASE name unless it exists (`npm start`'s own server: the stack's database is made
 * on the first start and found on every later one). `url` is any database on that server.
 */
export async function ensureDatabase(url: string, name: string): Promise<'created' | 'exists'> {
  assertDatabaseName(name);
  const db = adminDb(url);
  try {
    return await translated(async () => {
      const found = await sql`select 1 from pg_database where datname = ${name}`.execute(db);
      if (found.rows.length > 0) return 'exists';
      await sql`create database ${sql.id(name)}`.execute(db);
      return 'created';
    });
  } finally {
    await db.destroy();
  }
}

/** DROP DATABASE IF EXISTS ... WITH (FORCE): ends its sessions first (PostgreSQL 13+). */
export async function dropDatabase(url: string, name: string): Promise<void> {
  assertDatabaseName(name);
  const db = adminDb(url);
  try {
    await translated(() => sql`drop database if exists ${sql.id(name)} with (force)`.execute(db));
  } finally {
    await db.destroy();
  }
}

async function terminateConnections(conn: Kysely<Database>, name: string): Promise<void> {
  await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`.execute(conn);
}
