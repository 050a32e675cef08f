// Integration tests (test/) use a real PostgreSQL and a real Redis, one of each for the run
// (test/global-setup.ts); unit tests (src/) need neither.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['./test/global-setup.ts'],
  },
});
