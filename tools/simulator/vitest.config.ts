import { defineConfig } from 'vitest/config';

// Integration tests start their own Redis server per file: seconds, not milliseconds.
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
