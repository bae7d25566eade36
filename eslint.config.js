// Layering from ../shared/DESIGN.md is enforced here, so the arrows between
// processes cannot rot: a renderer that imports node:fs or a shared module that
// imports React fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'worker_threads'];

/** @param {string[]} groups @param {string} why */
const forbid = (groups, why) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message: why }] }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'dist-web/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'tessera-data/**', 'bench/results/**', 'bench/.build/**', '.exp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  importX.flatConfigs.typescript,
  {
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.test.json'] })],
    },
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-default-export': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'import-x/no-default-export': 'error' },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: forbid(
      [...nodeBuiltins, 'electron', 'electron/*', 'react', 'react-dom', 'react/*', 'dexie', 'y-dexie', 'y-websocket', '**/main/**', '**/renderer/**', '**/preload/**', '**/relay/**'],
      'src/shared is pure: only yjs, lib0, luxon, ical.js, zod and small pure libraries (DESIGN.md, Layout and layering).',
    ),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      ...forbid(
        [...nodeBuiltins, 'electron', 'electron/*', '**/main/**', '**/preload/**', '**/relay/**'],
        'The renderer reaches the OS only through its Platform interface (DESIGN.md, Layout and layering).',
      ),
    },
  },
  {
    files: ['src/main/**/*.ts'],
    rules: forbid(
      ['react', 'react-dom', 'dexie', 'y-dexie', '**/renderer/**', '**/relay/**', '**/preload/**'],
      'Electron main is thin: shared, electron and node only (DESIGN.md, Layout and layering).',
    ),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: forbid(
      ['react', 'react-dom', 'dexie', 'yjs', '**/renderer/**', '**/relay/**', '**/main/**', ...nodeBuiltins],
      'The preload is contextBridge only (DESIGN.md, Layout and layering).',
    ),
  },
  {
    files: ['src/relay/**/*.ts'],
    rules: forbid(
      ['electron', 'electron/*', 'react', 'react-dom', 'dexie', '**/renderer/**', '**/main/**', '**/preload/**'],
      'The relay imports shared only (DESIGN.md, Layout and layering).',
    ),
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: forbid(
      ['electron', 'electron/*', 'react', 'react-dom', 'dexie', 'y-dexie', 'y-websocket', '**/renderer/**', '**/main/**', '**/preload/**', '**/relay/**'],
      'The command-line tools import shared and node only.',
    ),
  },
);
