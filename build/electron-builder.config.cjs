// @ts-check
// electron-builder: installers for Linux (AppImage, deb), Windows (NSIS) and macOS (dmg).
// `npm run package` builds the app, then runs electron-builder with this file for the current OS.
// tests/packaging builds the unpacked target from this same file and checks what it holds.
const { existsSync, readFileSync } = require('node:fs');
const { join, posix } = require('node:path');

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/**
 * Installer metadata that package.json does not carry yet (deb requires both; Windows shows the
 * author as the company). PLACEHOLDERS: set "homepage" and "author" in package.json and they win.
 */
const homepage = pkg.homepage ?? 'https://github.com/local-llm-desk/local-llm-desk';
const author = pkg.author ?? {
  name: 'Local LLM Desk contributors',
  email: 'local-llm-desk@users.noreply.github.com',
};

/**
 * The Electron main bundle and every chunk it imports, transitively, as paths relative to the
 * project. dist/electron also holds the browser host (a development and test tool), which stays out.
 */
function mainBundleFiles() {
  const entry = 'dist/electron/main.js';
  if (!existsSync(join(root, entry))) {
    throw new Error(`${entry} is missing: run \`npm run build\` first (\`npm run package\` does).`);
  }
  const files = new Set();
  const pending = [entry];
  while (pending.length > 0) {
    const file = /** @type {string} */ (pending.pop());
    if (files.has(file)) continue;
    files.add(file);
    const code = readFileSync(join(root, file), 'utf8');
    for (const [, specifier] of code.matchAll(/\b(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      pending.push(posix.normalize(posix.join(posix.dirname(file), /** @type {string} */ (specifier))));
    }
  }
  return [...files].sort();
}

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'io.github.local-llm-desk',
  productName: 'Local LLM Desk',
  executableName: 'local-llm-desk',
  copyright: 'Copyright © Local LLM Desk contributors',
  artifactName: '${name}-${version}-${os}-${arch}.${ext}',
  directories: { buildResources: 'build', output: 'dist/installers' },

  // The asar holds the built app only: main (and its chunks), preload, renderer and package.json.
  // Production dependencies (package.json "dependencies") are added by electron-builder itself;
  // the renderer's libraries are bundled by Vite and are devDependencies.
  files: [
    'package.json',
    ...mainBundleFiles(),
    'dist/preload/preload.cjs',
    'dist/renderer/**/*',
    '!**/*.map',
    // pdfjs-dist's optional native canvas renders pages; reading a PDF's text (all we do) works
    // without it, and the app ships no native modules.
    '!node_modules/@napi-rs/**',
  ],
  asar: true,
  // Tray images outside the asar: main finds them at join(process.resourcesPath, 'tray').
  extraResources: [{ from: 'build/tray', to: 'tray', filter: ['*.png'] }],
  // No native modules: nothing to rebuild, and no Electron headers to download.
  npmRebuild: false,
  nodeGypRebuild: false,

  // Electron's security checklist: fuses flipped in the packaged binary, before signing.
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
    // Flipping fuses breaks the ad-hoc signature that arm64 macOS requires to launch; re-sign ad hoc
    // (only .app bundles are re-signed; a real signing identity signs again afterwards).
    resetAdHocDarwinSignature: true,
  },

  // Electron takes its Linux app_id / WM_CLASS from package.json's desktopName; the installed .desktop
  // file is named after it too, so desktops match running windows to their launcher.
  extraMetadata: { desktopName: 'local-llm-desk.desktop', homepage, author },
  linux: {
    target: ['AppImage', 'deb'],
    syncDesktopName: true,
    icon: 'build/icons',
    category: 'Utility',
    synopsis: 'Chat with your own language models',
  },
  deb: { priority: 'optional' },

  win: { target: ['nsis'], icon: 'build/icon.ico' },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    deleteAppDataOnUninstall: false,
  },

  mac: {
    target: ['dmg'],
    icon: 'build/icon.icns',
    category: 'public.app-category.developer-tools',
    hardenedRuntime: true,
  },
  dmg: { writeUpdateInfo: false },
};

module.exports = config;
