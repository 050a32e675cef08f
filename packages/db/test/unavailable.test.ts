// A PostgreSQL that is down, unreachable or stuck gives a quick DbUnavailableError (the query
// service's 503), never a hang — and the same handle works again once the server is back.
import { createServer, type Server, type Socket } from 'node:net';
import { sql } from 'kysely';
import { createTestDatabase, freePort, startPostgres, type TestDatabase, type TestPostgres } from './harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, createPatternRepository, DbUnavailableError, pingDb, translateDbError, type Db } from '../src';
import { pattern } from './support';

describe(translateDbError.name, () => {
  describe('with a server this file stops and starts', () => {
    let server: TestPostgres;
    let testDb: TestDatabase;
    let db: Db;

    beforeAll(async () => {
      server = await startPostgres({ dedicated: true });
      testDb = await createTestDatabase(import.meta.url, { server });
      db = createDb(testDb.url);
    });
    afterAll(async () => {
      await db?.destroy();
      await testDb?.drop();
      await server?.stop();
    });

    it('rejects with DbUnavailableError within the connection timeout while the server is down, and recovers after', async () => {
      const sut = createPatternRepository(db);
      expect(await sut.insertPatterns([pattern({ id: 'before' })])).toBe(1);

      await server.stopServer!();
      const started = Date.now();
      const error = await sut.insertPatterns([pattern({ id: 'during' })]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DbUnavailableError);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect((await pingDb(db)).ok).toBe(false);

      await server.startServer!();
      expect(await sut.insertPatterns([pattern({ id: 'after' })])).toBe(1);
      expect((await pingDb(db)).ok).toBe(true);
    });
  });

  it('rejects with DbUnavailableError (connection) when nothing listens on the port', async () => {
    const db = createDb(`postgres://postgres@127.0.0.1:${await freePort()}/postgres`);
    try {
      const error = await sql`select 1`.execute(db).catch((e: unknown) => translateDbError(e));
      expect(error).toBeInstanceOf(DbUnavailableError);
      expect((error as DbUnavailableError).reason).toBe('connection');
    } finally {
      await db.destroy();
    }
  });

  describe('with a server that accepts connections and never answers', () => {
    let silent: Server;
    const sockets = new Set<Socket>();
    let port: number;

    beforeAll(async () => {
      port = await freePort();
      silent = createServer((s) => sockets.add(s));
      await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => silent.close(resolve));
    });

    it('gives up after the connection timeout (~2 s by default) with DbUnavailableError (timeout)', async () => {
      const db = createDb(`postgres://postgres@127.0.0.1:${port}/postgres`);
      const started = Date.now();
      try {
        const ping = await pingDb(db);
        expect(ping.ok).toBe(false);
        expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
        expect(Date.now() - started).toBeLessThan(4_000);
        const error = await sql`select 1`.execute(db).catch((e: unknown) => translateDbError(e));
        expect((error as DbUnavailableError).reason).toBe('timeout');
      } finally {
        await db.destroy();
      }
    });
  });

  describe('with a statement that outlasts statement_timeout', () => {
    let testDb: TestDatabase;
    beforeAll(async () => {
      testDb = await createTestDatabase(import.meta.url);
    });
    afterAll(() => testDb?.drop());

    it('is cancelled by the server and reported as DbUnavailableError (timeout)', async () => {
      const db = createDb(testDb.url, { statementTimeoutMs: 200 });
      try {
        const error = await sql`select pg_sleep(5)`.execute(db).catch((e: unknown) => translateDbError(e));
        expect(error).toBeInstanceOf(DbUnavailableError);
        expect((error as DbUnavailableError).reason).toBe('timeout');
      } finally {
        await db.destroy();
      }
    });
  });
});
