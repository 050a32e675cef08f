import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  server: { port: Number(process.env.DASHBOARD_PORT ?? 3000), strictPort: true },
  test: {
    // Unit and component tests only; the browser tests (test/e2e) have their own config.
    dir: 'src',
    include: ['**/*.test.ts'],
    environment: 'node',
  },
});
