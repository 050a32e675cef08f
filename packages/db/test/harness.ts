// The db tests' one door to @tickstock/testing (real PostgreSQL, cloned test databases).
// Nx sees a project cycle — the harness builds its template with this package's migrator — though
// no file imports itself round; the rule is waived at this one import for that reason only (a root
// `ignoredCircularDependencies` entry would let this comment go).
export { createTestDatabase, freePort, postgresGlobalSetup, startPostgres, type TestDatabase, type TestPostgres } from '@tickstock/testing';
