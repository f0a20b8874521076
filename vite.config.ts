/// <reference types="vitest/config" />
import { defineConfig, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { builtinModules } from 'node:module';
import pkg from './package.json' with { type: 'json' };

/**
 * One config, three bundles, chosen by `--mode`:
 * - renderer: the React app (dist/renderer), served by Electron's app:// protocol or the browser host;
 * - main: the Electron main process and the browser host, ESM for Node (dist/electron);
 * - preload: one CommonJS file that requires nothing but `electron`, as a sandboxed preload must.
 */
const nodeExternals = [
  'electron',
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies),
];

const renderer: UserConfig = {
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, target: 'chrome130', sourcemap: true },
};

const main: UserConfig = {
  build: {
    ssr: true,
    outDir: 'dist/electron',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rolldownOptions: {
      input: { main: 'electron/main/index.ts', 'browser-host': 'electron/host/cli.ts' },
      external: nodeExternals,
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
};

const preload: UserConfig = {
  ssr: { noExternal: true },
  build: {
    ssr: true,
    outDir: 'dist/preload',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
    rolldownOptions: {
      input: { preload: 'electron/preload/index.ts' },
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
};

export default defineConfig(({ mode }) => {
  if (mode === 'renderer') return renderer;
  if (mode === 'main') return main;
  if (mode === 'preload') return preload;
  // vitest and anything else: plain config; tests pick their own environment.
  return {
    test: {
      include: ['tests/unit/**/*.test.ts', 'tests/boot/**/*.test.ts'],
      testTimeout: 20_000,
      hookTimeout: 20_000,
      pool: 'forks',
    },
  } as UserConfig;
});
