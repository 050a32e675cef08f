// Hot reads as named prepared statements. A Kysely query is built and compiled on every call —
// an AST of frozen nodes, then SQL text — and pg sends it unnamed, so PostgreSQL parses and
// analyzes it again each time. For the query service's per-symbol history reads (1,000 requests/s,
// tools/bench/src/query.bench.ts) the statement is compiled once from the same Kysely builder
// here, and run by name on the pool createDb made: pg parses it once per connection, and each
// call sends only the parameters.
import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type pg from 'pg';
import type { Database } from './schema';

const pools = new WeakMap<object, pg.Pool>();

/** createDb records its pool, so a prepared statement can run on it by name. */
export function registerPool(db: Kysely<Database>, pool: pg.Pool): void {
  pools.set(db, pool);
}

export type PreparedStatement<A extends Record<string, unknown>> = {
  readonly name: string;
  /** The SQL, with $1…$n where the builder had parameters. */
  readonly text: string;
  /** The parameters in $n order. */
  values(args: A): unknown[];
};

/**
 * Compiles `build(markers)` once. Every value the builder turns into a parameter must be one of
 * the markers, each distinct (by identity), so each $n can be traced back to its argument;
 * anything else (a value that is not a marker, a marker left unused) throws here, at start,
 * rather than binding a wrong value later.
 */
export function prepareStatement<A extends Record<string, unknown>>(name: string, markers: A, build: (markers: A) => Compilable): PreparedStatement<A> {
  const compiled = build(markers).compile();
  const keys = Object.keys(markers) as (keyof A)[];
  const order = compiled.parameters.map((p, i) => {
    const key = keys.find((k) => Object.is(markers[k], p));
    if (key === undefined) throw new Error(`prepared statement ${name}: parameter $${i + 1} is not one of the markers`);
    return key;
  });
  const unused = keys.filter((k) => !order.includes(k));
  if (unused.length > 0) throw new Error(`prepared statement ${name}: markers not used: ${unused.join(', ')}`);
  return { name, text: compiled.sql, values: (args) => order.map((k) => args[k]) };
}

/** Runs the statement by name on createDb's pool; on any other Kysely, as a plain query. */
export async function executePrepared<R, A extends Record<string, unknown>>(db: Kysely<Database>, statement: PreparedStatement<A>, args: A): Promise<R[]> {
  const values = statement.values(args);
  const pool = pools.get(db);
  if (pool) return (await pool.query({ name: statement.name, text: statement.text, values })).rows as R[];
  return (await db.executeQuery<R>(CompiledQuery.raw(statement.text, values))).rows;
}
