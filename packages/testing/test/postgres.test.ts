// The PostgreSQL harness against a real server (local binaries here, a container where Docker is).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, startPostgres, type TestDatabase, type TestPostgres } from '../src/postgres';
import { createDb, pingDb } from '../src/postgres-db';
import { waitFor } from '../src/wait';

const SLOW = { timeout: 60_000 };

async function answers(url: string): Promise<boolean> {
  const db = createDb(url, { maxConnections: 1, connectionTimeoutMs: 1_000 });
  try {
    return (await pingDb(db)).ok;
  } finally {
    await db.destroy();
  }
}

async function storageMode(url: string): Promise<string | undefined> {
  const db = createDb(url, { maxConnections: 1 });
  try {
    const row = await db.selectFrom('tickstock_meta').select('value').where('key', '=', 'storage_mode').executeTakeFirst();
    return row?.value;
  } finally {
    await db.destroy();
  }
}

describe(startPostgres.name, () => {
  it.skipIf(Boolean(process.env.DATABASE_URL))('shares one server per process and stops it when its last user stops', SLOW, async () => {
    const a = await startPostgres();
    const b = await startPostgres();
    expect(b.url).toBe(a.url);

    await a.stop();
    expect(await answers(b.url)).toBe(true);
    await b.stop();
    expect(await answers(b.url)).toBe(false);
  });

  describe('a dedicated server', () => {
    let sut: TestPostgres;
    let testDb: TestDatabase;

    beforeAll(async () => {
      sut = await startPostgres({ dedicated: true });
      testDb = await createTestDatabase('harness', { server: sut });
    }, 60_000);
    afterAll(async () => {
      await testDb?.drop();
      await sut?.stop();
    });

    it('is one the caller controls (container or local, never DATABASE_URL)', () => {
      expect(['container', 'local']).toContain(sut.source);
      expect(typeof sut.stopServer).toBe('function');
    });

    it('goes down on stopServer and comes back on the same URL with its databases on startServer', SLOW, async () => {
      await sut.stopServer!();
      expect(await answers(testDb.url)).toBe(false);

      await sut.startServer!();
      expect(await answers(testDb.url)).toBe(true);
      expect(await storageMode(testDb.url)).toMatch(/^(plain|timescale)$/);
    });

    it('recovers after a crash (kill, then startServer; local servers only)', SLOW, async (ctx) => {
      if (!sut.kill) return ctx.skip('containers have no crash control');
      await sut.kill();
      expect(await answers(testDb.url)).toBe(false);
      await sut.startServer!();
      expect(await answers(testDb.url)).toBe(true);
    });
  });

  it('stop() of a dedicated server ends it', SLOW, async () => {
    const server = await startPostgres({ dedicated: true });
    expect(await answers(server.url)).toBe(true);
    await server.stop();
    expect(await answers(server.url)).toBe(false);
  });

  it('leaves no server behind when the test process is killed outright (SIGKILL: no exit handlers run)', SLOW, async (ctx) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fixtures/start-and-hang.ts', import.meta.url))], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, DATABASE_URL: '' },
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve((JSON.parse(line) as { url: string; source: string }).url);
      });
      child.once('exit', (code) => reject(new Error(`fixture exited early with ${code}`)));
    });
    if (!url.includes('127.0.0.1')) return ctx.skip('a container is reaped by testcontainers, not by our watchdog');
    expect(await answers(url)).toBe(true);

    child.kill('SIGKILL');
    await waitFor(async () => !(await answers(url)), { timeoutMs: 15_000, what: 'the orphaned server to stop' });
  });
});

describe(createTestDatabase.name, () => {
  const made: TestDatabase[] = [];
  afterAll(async () => {
    for (const db of made) await db.drop();
  });

  it('gives parallel callers separate databases, each cloned from the migrated template', SLOW, async () => {
    made.push(...(await Promise.all(Array.from({ length: 4 }, () => createTestDatabase(import.meta.url)))));

    expect(new Set(made.map((d) => d.name)).size).toBe(4);
    for (const db of made) expect(await storageMode(db.url)).toMatch(/^(plain|timescale)$/);
  });

  it('drop() removes the database', SLOW, async () => {
    const db = await createTestDatabase(import.meta.url);
    expect(await answers(db.url)).toBe(true);
    await db.drop();
    expect(await answers(db.url)).toBe(false);
  });
});
