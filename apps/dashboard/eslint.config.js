// The workspace's flat config (type-aware TypeScript, module boundaries: the dashboard may import
// only @tickstock/contracts of ours) plus the Svelte rules for .svelte components. ESLint 9 finds
// this file first when `eslint .` runs here, so the root config stays as it is.
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';
import workspace from '../../eslint.config.js';
import svelteConfig from './svelte.config.js';

export default tseslint.config(
  ...workspace,
  ...svelte.configs['flat/recommended'],
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: tseslint.parser,
        svelteConfig,
      },
    },
    rules: {
      // Producer text must never be rendered as HTML (issue 6); there is no trusted HTML either.
      'svelte/no-at-html-tags': 'error',
      // TypeScript (svelte-check) knows the globals; ESLint's no-undef does not read types.
      'no-undef': 'off',
    },
  },
  {
    // This file extends the workspace config by path: configuration, not a module of the app.
    files: ['eslint.config.js'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
);
