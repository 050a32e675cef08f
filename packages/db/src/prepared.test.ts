import { Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type CompiledQuery, type DatabaseConnection, type Driver } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDb } from './create-db';
import { executePrepared, prepareStatement } from './prepared';
import type { Database } from './schema';

/** A Kysely that only records what it is asked to run (no server). */
function recordingDb(): { db: Kysely<Database>; sent: CompiledQuery[] } {
  const sent: CompiledQuery[] = [];
  const connection: DatabaseConnection = {
    executeQuery: (query) => {
      sent.push(query);
      return Promise.resolve({ rows: [{ body: '[]' }] as never[] });
    },
    streamQuery: () => {
      throw new Error('not used');
    },
  };
  const driver: Driver = {
    init: () => Promise.resolve(),
    acquireConnection: () => Promise.resolve(connection),
    beginTransaction: () => Promise.resolve(),
    commitTransaction: () => Promise.resolve(),
    rollbackTransaction: () => Promise.resolve(),
    releaseConnection: () => Promise.resolve(),
    destroy: () => Promise.resolve(),
  };
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  return { db, sent };
}

// Never connects: compile() and values() need no server.
const offline = createDb('postgres://nobody@127.0.0.1:1/none');

describe(prepareStatement.name, () => {
  it('binds each argument to its $n, whatever order the markers are declared in', () => {
    const sut = prepareStatement('t', { limit: -1, since: new Date(0), symbol: '$symbol' }, (m) =>
      offline.selectFrom('intraday_patterns').select('id').where('symbol', '=', m.symbol).where('timestamp', '>=', m.since).limit(m.limit),
    );
    const since = new Date('2026-01-02T03:04:05.678Z');

    expect(sut.text).toBe('select "id" from "intraday_patterns" where "symbol" = $1 and "timestamp" >= $2 limit $3');
    expect(sut.values({ limit: 7, since, symbol: 'NVDA' })).toEqual(['NVDA', since, 7]);
  });

  it('refuses, at start, a parameter that is not a marker', () => {
    expect(() => prepareStatement('t', { symbol: '$symbol' }, (m) => offline.selectFrom('intraday_patterns').select('id').where('symbol', '=', m.symbol).limit(10))).toThrow(
      /parameter \$2 is not one of the markers/,
    );
  });

  it('refuses, at start, a marker the statement does not use', () => {
    expect(() => prepareStatement('t', { symbol: '$symbol', limit: -1 }, (m) => offline.selectFrom('intraday_patterns').select('id').where('symbol', '=', m.symbol))).toThrow(
      /markers not used: limit/,
    );
  });
});

describe(executePrepared.name, () => {
  it('runs the compiled text with the values in $n order on a Kysely that createDb did not make', async () => {
    const { db, sent } = recordingDb();
    const sut = prepareStatement('t', { symbol: '$symbol', limit: -1 }, (m) => db.selectFrom('intraday_patterns').select('id').where('symbol', '=', m.symbol).limit(m.limit));

    const rows = await executePrepared<{ body: string }, { symbol: string; limit: number }>(db, sut, { symbol: 'AAPL', limit: 5 });

    expect(rows).toEqual([{ body: '[]' }]);
    expect(sent.map((q) => [q.sql, q.parameters])).toEqual([[sut.text, ['AAPL', 5]]]);
  });
});
