// SvelteKit settings. adapter-node reads DASHBOARD_PORT / DASHBOARD_HOST / DASHBOARD_ORIGIN
// (envPrefix), so the dashboard follows CONTRACT.md's DASHBOARD_PORT (default 3000) and does not
// take a PORT meant for another process of the local stack.
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ envPrefix: 'DASHBOARD_' }),
    // Defence in depth for "producer text is never HTML": even if markup slipped through, no
    // inline or foreign script would run. Kit adds hashes/nonces for its own inline scripts.
    // connect-src allows ws:/wss: because the fanout's URL is a runtime setting.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'connect-src': ['self', 'ws:', 'wss:'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};

export default config;
