// @tickstock/db: the only place that imports kysely and pg. Services get a Kysely handle from
// createDb, run prepareStorage at start, and use the repositories; nothing else leaks out.
export { type PreparedStatement } from './prepared';
export { createDb, pingDb, DB_DEFAULTS, GENERIC_PLANS_STARTUP_OPTION, type Db, type DbOptions, type PingResult } from './create-db';
export { DbUnavailableError, isDataRejected, isDbUnavailable, translateDbError, type UnavailableReason } from './errors';
export { migrateToLatest, migrateToNothing, prepareStorage, MigrationError, type PreparedStorage } from './migrator';
export {
  canUseTimescale,
  configureRetention,
  detectTimescale,
  getStorageMode,
  DEFAULT_RETENTION_DAYS,
  type StorageMode,
  type TimescaleSupport,
} from './storage-mode';
export { pruneOlderThan, DEFAULT_PRUNE_BATCH, type PruneOptions, type PruneResult } from './retention';
export { TIME_SERIES_TABLES, type Database, type TimeSeriesTable, type UserRole, type AlertKind } from './schema';
export * from './repositories/pattern.repository';
export * from './repositories/indicator.repository';
export * from './repositories/alert.repository';
export * from './repositories/session.repository';
export * from './repositories/health.repository';
export * from './repositories/summary.repository';
export * from './repositories/user.repository';
export * from './repositories/producer-event.repository';
export { createRepositories, type Repositories } from './repositories';
export * from './admin';
