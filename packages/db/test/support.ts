// Shared by the integration tests: a migrated database of the file's own, and event fixtures.
import { createTestDatabase, type TestDatabase } from './harness';
import { createDb, detectTimescale, canUseTimescale, type Db } from '../src';

export type DbContext = { db: Db; testDb: TestDatabase; close(): Promise<void> };

export async function openTestDb(file: string): Promise<DbContext> {
  const testDb = await createTestDatabase(file);
  const db = createDb(testDb.url, { applicationName: 'db-tests' });
  return {
    db,
    testDb,
    close: async () => {
      await db.destroy();
      await testDb.drop();
    },
  };
}

/** Whether the test server can run the Timescale path (decided per server, at collection time). */
export async function serverHasTimescale(db: Db): Promise<boolean> {
  return canUseTimescale(await detectTimescale(db));
}

export const NO_TIMESCALE = 'needs the timescaledb extension: runs where Docker is (timescale/timescaledb), skipped here';

export { ago, criticalAlert, health, indicator, indicatorAlert, pattern, session } from '@tickstock/testing';
