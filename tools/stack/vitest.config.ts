import { defineConfig } from 'vitest/config';

// The e2e files each start a whole stack (and may build the dashboard first): one at a time.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 300_000, fileParallelism: false } });
