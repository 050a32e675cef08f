// Integration tests (test/) run the ingest against a real Redis and a real PostgreSQL: one
// PostgreSQL for the run (global setup), a Redis and a database of each test file's own.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['./test/global-setup.ts'],
  },
});
