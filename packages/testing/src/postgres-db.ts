// The harness's one door to @tickstock/db: the template is built with the db package's own
// migrator, and readiness is "a real client can run a query", not "the port is open".
// Nx sees a project cycle here — db's integration tests use this harness, and the harness uses
// db — though no file imports itself round; the rule is waived at this one import for that
// reason only (a root `ignoredCircularDependencies` entry would let this comment go).
import { createDatabaseFromTemplate, createDb, dropDatabase, ensureTemplateDatabase, pingDb } from '@tickstock/db';
import { waitFor } from './wait';

export { createDatabaseFromTemplate, createDb, dropDatabase, ensureTemplateDatabase, pingDb };

/** Resolves once PostgreSQL at `url` answers `select 1`; `alive` may throw to stop early (the server died). */
export async function waitForPostgres(url: string, opts: { timeoutMs: number; what: string; alive?: () => void }): Promise<void> {
  const db = createDb(url, { maxConnections: 1, connectionTimeoutMs: 1_000 });
  try {
    await waitFor(
      async () => {
        opts.alive?.();
        return (await pingDb(db)).ok;
      },
      { timeoutMs: opts.timeoutMs, intervalMs: 50, what: opts.what },
    );
  } finally {
    await db.destroy();
  }
}
