// The infra checks load the Nx project graph (a few seconds, once per file); the release test
// installs each app's pruned dependencies with npm, from its cache when it can.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
