// Integration tests (test/) run against a real PostgreSQL: slower than unit tests, so longer
// timeouts, and one server for the whole run started by the global setup.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['./test/global-setup.ts'],
  },
});
