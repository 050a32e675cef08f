// Browser tests (test:integration): the built dashboard in Debian's Chromium. One file at a time
// (each starts its own services and browser; the machine has two cores) and generous deadlines.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/e2e/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
