// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * Layering, so each layer can be tested and replaced on its own: shared/ is pure (the contract and
 * domain code run unchanged in the window, in main and in tests); renderer/ sees shared/ only (a
 * sandboxed window has no Node, and a compromised page reaches main only through checked routes);
 * only the thin Electron shell imports `electron` (everything else runs in plain Node, which the
 * browser host and the unit tests rely on); services sit below the composition root and the
 * transports. Raw IPC lives in exactly two files, the preload and the IPC adapter, both driven by
 * the contract in shared/, so no channel exists that the contract does not name.
 */
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'url'];

/** What no main-side code outside the shell may import. */
const mainSidePatterns = [
  {
    group: ['electron', 'electron-store'],
    message: 'Services run in plain Node: take Electron adapters as arguments (see electron/main).',
  },
  { group: ['**/renderer/**'], message: 'Main-side code must not import the renderer.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', ...nodeBuiltins], message: 'shared/ is pure: no Electron or Node APIs.' },
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ must not import a side.' },
            {
              group: ['react', 'react-dom', 'openai', 'conf', 'electron-store', 'ws'],
              message: 'shared/ holds contracts and pure code only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', ...nodeBuiltins],
              message: 'The renderer runs sandboxed: no Electron or Node APIs.',
            },
            {
              group: ['**/electron/**'],
              message: 'The renderer talks to main only through the contract in shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only the thin shell may import electron; services run in plain Node and take what they need as arguments.
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: mainSidePatterns }] },
  },
  {
    // Services are the bottom of main: the composition root (app/) and the transports (host/, main/)
    // build on them, never the other way round, or a service could not be used or tested alone.
    files: ['electron/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...mainSidePatterns,
            {
              group: ['**/app/**', '**/host/**', '**/main/**'],
              message:
                'Services must not import electron/app, electron/host or electron/main: take what you need as an argument, or move shared code into electron/services.',
            },
          ],
        },
      ],
    },
  },
  {
    // The shell and the browser host are two transports for one router: neither imports the other.
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/host/**'],
              message:
                'The Electron shell must not import the browser host: put what both need in electron/services or shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    // CommonJS files (the electron-builder config): `require` is how they import.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Raw IPC only in the two contract-driven adapters.
    files: ['**/*.{ts,tsx}'],
    ignores: ['electron/main/ipc-adapter.ts', 'electron/preload/index.ts', 'tests/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[object.name=/^ipc(Main|Renderer)$/]',
          message:
            'Raw IPC is only allowed in electron/main/ipc-adapter.ts and the preload; add a route to shared/contract.',
        },
      ],
    },
  },
);
