// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * Layering (VS Code's rule, DESIGN.md): shared/ is pure; renderer/ sees shared/ only; only the
 * thin Electron shell imports `electron`. Raw IPC lives in exactly two files (GitHub Desktop's rule):
 * the preload and the IPC adapter, both driven by the contract in shared/.
 */
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'url'];

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
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron-store'],
              message: 'Services run in plain Node: take Electron adapters as arguments (see electron/main).',
            },
            { group: ['**/renderer/**'], message: 'Main-side code must not import the renderer.' },
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
