// One flat config for the whole workspace. Run it through Nx (`nx run-many -t lint`):
// @nx/enforce-module-boundaries needs the project graph Nx caches and silently skips itself
// when eslint runs alone (see STACK.md); tools/workspace-checks proves it is active.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Who may import whom (HOUSE-STYLE.md, "The house"). Tests may also use the test harness. */
function moduleBoundaries({ inTests }) {
  const testing = inTests ? ['type:testing'] : [];
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    // db's integration tests use the harness, and the harness migrates test databases with db:
    // a cycle between projects that no source file closes. It is allowed here, and only here.
    ignoredCircularDependencies: [['@tickstock/db', '@tickstock/testing']],
    depConstraints: [
      // contracts imports nothing of ours: it is read by every side, the browser included.
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
      { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', ...testing] },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
      // Apps never import apps; they build on libraries.
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', ...testing] },
      // The dashboard runs in browsers: it may read contracts and nothing else of ours.
      { sourceTag: 'scope:dashboard', onlyDependOnLibsWithTags: ['type:contracts'] },
      { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:testing'] },
      // The local stack runner (`npm start`) is the one composition root above the apps: on the
      // in-memory bus it runs ingest, query, fanout and the simulator in its own process. It reaches
      // each app only through the app's `./compose` package export (an `exports` map admits no
      // other subpath), and of the tools only the simulator.
      { sourceTag: 'type:stack', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:app', 'scope:simulator', ...testing] },
    ],
  };
}

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/.svelte-kit/**', '**/build/**', '**/.nx/**', '**/coverage/**', '**/.data/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries({ inTests: false })],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.test.ts', '**/test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries({ inTests: true })],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
);
