import { defineConfig } from 'vitest/config';

// Integration tests start a real Redis and stop/start it mid-test: seconds, not milliseconds.
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
