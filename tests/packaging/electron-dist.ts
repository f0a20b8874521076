import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The Electron distribution the packaging check builds over, without downloading anything:
 *
 * 1. `ELECTRON_DIST`: an unpacked Electron distribution for this OS (the folder of `electron`,
 *    `electron.exe` or `Electron.app`), e.g. node_modules/electron/dist copied from a machine that has it;
 * 2. node_modules/electron/dist when Electron's binary was installed there (`node node_modules/electron/install.js`);
 * 3. otherwise a stand-in: a Linux distribution's layout whose `electron` is a small script carrying
 *    Electron's fuse wire, so electron-builder really flips the fuses and they can be read back.
 */
export interface ElectronDist {
  kind: 'ELECTRON_DIST' | 'node_modules/electron/dist' | 'stand-in';
  dir: string;
  version: string;
  /** The platform to package for: this OS for a real distribution, Linux for the stand-in. */
  platform: 'linux' | 'darwin' | 'win32';
  /** The binary whose fuse wire electron-builder flips (on macOS, the .app). */
  binary: string;
}

const require = createRequire(import.meta.url);
const electronPackageDir = dirname(require.resolve('electron/package.json'));
const electronVersion: string = JSON.parse(
  readFileSync(join(electronPackageDir, 'package.json'), 'utf8'),
).version;

/** Electron's fuse wire: sentinel, wire version, wire length, one byte per fuse ('0' off, '1' on). */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/**
 * Electron's documented defaults, in wire order: RunAsNode on, EnableCookieEncryption off,
 * EnableNodeOptionsEnvironmentVariable on, EnableNodeCliInspectArguments on,
 * EnableEmbeddedAsarIntegrityValidation off, OnlyLoadAppFromAsar off,
 * LoadBrowserProcessSpecificV8Snapshot off, GrantFileProtocolExtraPrivileges on, WasmTrapHandlers on.
 * Every fuse the app sets differs from its default, so a fuse that was not flipped shows.
 */
export const STAND_IN_FUSE_WIRE = '101100011';

function binaryIn(dir: string, platform: ElectronDist['platform']): string {
  if (platform === 'darwin') return join(dir, 'Electron.app');
  return join(dir, platform === 'win32' ? 'electron.exe' : 'electron');
}

function versionIn(dir: string): string {
  const file = join(dir, 'version');
  return existsSync(file) ? readFileSync(file, 'utf8').trim().replace(/^v/, '') : electronVersion;
}

export function findElectronDist(makeStandInIn: string): ElectronDist {
  const platform = process.platform as ElectronDist['platform'];
  const fromEnv = process.env.ELECTRON_DIST;
  if (fromEnv) {
    const binary = binaryIn(fromEnv, platform);
    if (!existsSync(binary)) throw new Error(`ELECTRON_DIST=${fromEnv} has no ${binary}`);
    return { kind: 'ELECTRON_DIST', dir: fromEnv, version: versionIn(fromEnv), platform, binary };
  }
  const installed = join(electronPackageDir, 'dist');
  const pathFile = join(electronPackageDir, 'path.txt');
  if (existsSync(pathFile) && existsSync(join(installed, readFileSync(pathFile, 'utf8').trim()))) {
    return {
      kind: 'node_modules/electron/dist',
      dir: installed,
      version: versionIn(installed),
      platform,
      binary: binaryIn(installed, platform),
    };
  }
  return makeStandIn(makeStandInIn);
}

/** A stand-in Linux Electron distribution: the files and folders electron-builder copies and renames. */
function makeStandIn(dir: string): ElectronDist {
  mkdirSync(join(dir, 'locales'), { recursive: true });
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const binary = join(dir, 'electron');
  writeFileSync(
    binary,
    Buffer.concat([
      Buffer.from(
        '#!/bin/sh\necho "stand-in Electron distribution from tests/packaging: not runnable" >&2\nexit 1\n',
      ),
      Buffer.alloc(4096),
      Buffer.from(FUSE_SENTINEL, 'latin1'),
      Buffer.from([1, STAND_IN_FUSE_WIRE.length]),
      Buffer.from(STAND_IN_FUSE_WIRE, 'latin1'),
      Buffer.alloc(4096),
    ]),
  );
  chmodSync(binary, 0o755);
  for (const name of ['chrome-sandbox', 'chrome_crashpad_handler']) {
    writeFileSync(join(dir, name), '#!/bin/sh\nexit 1\n');
    chmodSync(join(dir, name), 0o755);
  }
  for (const name of [
    'libffmpeg.so',
    'libEGL.so',
    'libGLESv2.so',
    'libvk_swiftshader.so',
    'vk_swiftshader_icd.json',
    'icudtl.dat',
    'resources.pak',
    'chrome_100_percent.pak',
    'chrome_200_percent.pak',
    'snapshot_blob.bin',
    'v8_context_snapshot.bin',
    'locales/en-US.pak',
    'locales/de.pak',
  ]) {
    writeFileSync(join(dir, name), `stand-in ${name}\n`);
  }
  writeFileSync(join(dir, 'LICENSE'), 'stand-in for Electron’s LICENSE\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<!doctype html><title>stand-in</title>\n');
  writeFileSync(join(dir, 'version'), `${electronVersion}\n`);
  return { kind: 'stand-in', dir, version: electronVersion, platform: 'linux', binary };
}
