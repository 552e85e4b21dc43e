import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public/data', 'test-results', 'playwright-report', 'screenshots'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // Nothing in the app imports the server.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/server/*'] }],
    },
  },
  {
    // The pure domain room knows nothing of React, MapLibre or the store (nor the server).
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['react', 'react-dom', 'maplibre-gl', 'zustand', '../state/*', '../ui/*', '../map/*', '**/server/*'] }],
    },
  },
  {
    // The server shares the pure domain with the app, never the app's interface, state or storage.
    files: ['server/**/*.ts'],
    ignores: ['server/test/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['react', 'react-dom', 'maplibre-gl', 'zustand', '**/src/ui/*', '**/src/state/*', '**/src/map/*', '**/src/storage/*', '**/src/io/*'] }],
    },
  },
  {
    // The service worker template: its globals, and the two constants the build prepends.
    files: ['scripts/service-worker.js'],
    languageOptions: { globals: { self: 'readonly', caches: 'readonly', fetch: 'readonly', URL: 'readonly', VERSION: 'readonly', PRECACHE: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
