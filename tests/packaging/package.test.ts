import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFile, getRawHeader } from '@electron/asar';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import type * as BuilderUtil from 'builder-util';
import type * as ElectronBuilder from 'electron-builder';
import type { AfterPackContext, Arch as ArchEnum, Configuration } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findElectronDist, STAND_IN_FUSE_WIRE, type ElectronDist } from './electron-dist';

/**
 * The packaging check (docs/design.md, "Testing without the Electron binary"): electron-builder's unpacked
 * ("dir") target, built from build/electron-builder.config.cjs over a local Electron distribution with
 * nothing downloaded, then the packaged binary's fuses and the asar's contents read back.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

/** Every fuse the app sets, and the state it must have in the packaged binary. */
const requiredFuses: Array<[FuseV1Options, FuseState]> = [
  [FuseV1Options.RunAsNode, FuseState.DISABLE],
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable, FuseState.DISABLE],
  [FuseV1Options.EnableNodeCliInspectArguments, FuseState.DISABLE],
  [FuseV1Options.EnableCookieEncryption, FuseState.ENABLE],
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, FuseState.ENABLE],
  [FuseV1Options.OnlyLoadAppFromAsar, FuseState.ENABLE],
  [FuseV1Options.GrantFileProtocolExtraPrivileges, FuseState.DISABLE],
];
const stateName = (state: number | undefined) =>
  state === FuseState.ENABLE ? 'on' : state === FuseState.DISABLE ? 'off' : `0x${(state ?? 0).toString(16)}`;

const trayImages = [
  'tray-light.png',
  'tray-light@2x.png',
  'tray-dark.png',
  'tray-dark@2x.png',
  'trayTemplate.png',
  'trayTemplate@2x.png',
];

/** dist/electron/main.js and the chunks it imports, transitively (never the browser host). */
function mainBundle(): string[] {
  const seen = new Set<string>();
  const pending = ['dist/electron/main.js'];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(root, file), 'utf8');
    for (const match of code.matchAll(/\b(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      pending.push(posix.normalize(posix.join(posix.dirname(file), match[1]!)));
    }
  }
  return [...seen];
}

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

type AsarEntry = { files?: Record<string, AsarEntry>; link?: string; unpacked?: boolean };

/** Every file and link in the asar, as a path without a leading slash. */
function asarFiles(archive: string): { files: string[]; unpacked: string[] } {
  const files: string[] = [];
  const unpacked: string[] = [];
  const walk = (entry: AsarEntry, prefix: string) => {
    for (const [name, child] of Object.entries(entry.files ?? {})) {
      const path = prefix ? `${prefix}/${name}` : name;
      if (child.files) walk(child, path);
      else (child.unpacked ? unpacked : files).push(path);
    }
  };
  walk(getRawHeader(archive).header as AsarEntry, '');
  return { files: files.sort(), unpacked: unpacked.sort() };
}

/** Package names of the lockfile's entries, split into production and development-only. */
function lockfilePackages() {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean; optional?: boolean }>;
  };
  const production = new Set<string>();
  const development = new Set<string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    const name = path.match(/(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)$/)?.[1];
    if (!name) continue;
    // Left out on purpose (electron-builder.config.cjs): pdfjs-dist's optional native canvas.
    if (name.startsWith('@napi-rs/')) continue;
    if (entry.dev || entry.devOptional) development.add(name);
    else if (existsSync(join(root, path))) production.add(name);
  }
  for (const name of production) development.delete(name);
  return { production, development };
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

let work: string;
let dist: ElectronDist;
let packed: AfterPackContext | undefined;
let seconds = 0;
const report: string[] = [];
/** What electron-builder wrote to its log during the build. */
const builderLog: string[] = [];

beforeAll(async () => {
  for (const file of ['dist/electron/main.js', 'dist/preload/preload.cjs', 'dist/renderer/index.html']) {
    if (!existsSync(join(root, file))) throw new Error(`${file} is missing: run \`npm run build\` first.`);
  }
  work = mkdtempSync(join(tmpdir(), 'llm-desk-package-'));
  dist = findElectronDist(join(work, 'electron-dist'));
  const banner =
    dist.kind === 'stand-in'
      ? 'STAND-IN Electron distribution (no Electron binary on this machine): a Linux layout whose ' +
        '`electron` is a script carrying the fuse wire. The fuses and the asar are real; the binary is not.'
      : `Electron ${dist.version} distribution from ${dist.kind}: ${dist.dir}`;
  const bar = '='.repeat(100);
  // Straight to stdout (not console, which Vitest buffers), so it comes before electron-builder's log.
  process.stdout.write(`\n${bar}\nPackaging check: ${banner}\n${bar}\n`);

  // Nothing may be downloaded: any download electron-builder attempted would go to a closed port on
  // 127.0.0.1 and fail the build, and an empty tool cache means no earlier download can hide one.
  Object.assign(process.env, {
    ELECTRON_BUILDER_OFFLINE: 'true', // only read by Windows signing, which this check does not do
    ELECTRON_BUILDER_CACHE: join(work, 'builder-cache'),
    ELECTRON_BUILDER_BINARIES_ALLOW_HTTP: 'true',
    ELECTRON_BUILDER_BINARIES_MIRROR: 'http://127.0.0.1:9/',
    ELECTRON_BUILDER_BINARIES_DOWNLOAD_OVERRIDE_URL: 'http://127.0.0.1:9',
    ELECTRON_MIRROR: 'http://127.0.0.1:9/',
    electron_config_cache: join(work, 'electron-cache'),
    CSC_IDENTITY_AUTO_DISCOVERY: 'false',
  });

  // electron-builder silences its own log when it finds itself under Vitest; the log is the evidence
  // of what it did (and did not download), so load it as a plain Node program would.
  const vitest = process.env.VITEST;
  delete process.env.VITEST;
  // Through Node's require, so that this is the very module instance electron-builder logs through.
  const { Arch, Platform, build } = require('electron-builder') as typeof ElectronBuilder;
  const { log } = require('builder-util') as typeof BuilderUtil;
  process.env.VITEST = vitest;

  const config = require(join(root, 'build/electron-builder.config.cjs')) as Configuration;
  const platform = { linux: Platform.LINUX, darwin: Platform.MAC, win32: Platform.WINDOWS }[dist.platform];
  const arch = dist.kind === 'stand-in' ? Arch.x64 : Arch[process.arch as keyof typeof Arch];
  // Keep a copy of what electron-builder writes (it writes to its logger's stream, not through console).
  const logger = log as unknown as { stream: NodeJS.WritableStream };
  const stdout = logger.stream;
  logger.stream = Object.assign(Object.create(stdout) as NodeJS.WritableStream, {
    write: (chunk: string | Uint8Array) => {
      builderLog.push(chunk.toString());
      return stdout.write(chunk);
    },
  });
  const started = Date.now();
  try {
    await build({
      projectDir: root,
      targets: platform.createTarget('dir', arch as ArchEnum),
      publish: 'never',
      config: {
        ...config,
        electronDist: dist.dir,
        electronVersion: dist.version,
        npmRebuild: false,
        directories: { ...config.directories, output: join(work, 'out') },
        // Content, not signatures: no signing identity is looked for.
        mac: { ...config.mac, identity: null },
        win: { ...config.win, signExecutable: false },
        afterPack: (context) => {
          packed = context;
        },
      },
    });
  } finally {
    logger.stream = stdout;
  }
  seconds = (Date.now() - started) / 1000;
}, 240_000);

afterAll(() => {
  if (report.length)
    console.log(`\nPackaging check (${seconds.toFixed(1)} s of electron-builder):\n${report.join('\n')}`);
  if (work) rmSync(work, { recursive: true, force: true });
});

function packagedBinary(): string {
  const context = packed!;
  const { productFilename } = context.packager.appInfo;
  if (context.electronPlatformName === 'darwin') return join(context.appOutDir, `${productFilename}.app`);
  if (context.electronPlatformName === 'win32') return join(context.appOutDir, `${productFilename}.exe`);
  return join(context.appOutDir, (context.packager as unknown as { executableName: string }).executableName);
}

const resourcesDir = () => packed!.packager.getResourcesDir(packed!.appOutDir);
const asarPath = () => join(resourcesDir(), 'app.asar');

describe('the unpacked package', () => {
  test('was built, with the app in resources/app.asar and nothing loose beside it', () => {
    expect(packed, 'electron-builder never reached afterPack').toBeDefined();
    expect(
      builderLog
        .join('')
        .split('\n')
        .filter((line) => /download/i.test(line)),
      'downloads',
    ).toEqual([]);
    expect(existsSync(asarPath())).toBe(true);
    expect(existsSync(join(resourcesDir(), 'app')), 'an unpacked app folder next to the asar').toBe(false);
    expect(existsSync(`${asarPath()}.unpacked`), 'files unpacked from the asar').toBe(false);
    report.push(`  package:  ${packed!.appOutDir} (${packed!.electronPlatformName}, ${dist.kind})`);
  });

  test('has every security fuse flipped in the packaged binary', async () => {
    const before = dist.kind === 'stand-in' ? undefined : await getCurrentFuseWire(dist.binary);
    const wire = await getCurrentFuseWire(packagedBinary());
    expect(wire.version).toBe('1');
    const rows = requiredFuses.map(([fuse, expected]) => {
      const original =
        before?.[fuse] ?? (dist.kind === 'stand-in' ? STAND_IN_FUSE_WIRE.charCodeAt(fuse) : undefined);
      return {
        fuse: FuseV1Options[fuse],
        expected: stateName(expected),
        actual: stateName(wire[fuse]),
        original: stateName(original),
      };
    });
    report.push(
      `  fuses of ${packagedBinary()}:`,
      ...rows.map((r) => `    ${r.fuse.padEnd(40)} ${r.actual.padEnd(4)} (distribution: ${r.original})`),
    );
    expect(rows.map((r) => [r.fuse, r.actual])).toEqual(rows.map((r) => [r.fuse, r.expected]));
    if (dist.kind === 'stand-in') {
      // Every one of them started in the other state, so each was really flipped...
      for (const r of rows) expect(r.original, r.fuse).not.toBe(r.expected);
      // ...in the package's copy, not in the distribution it was copied from.
      expect((await getCurrentFuseWire(dist.binary))[FuseV1Options.RunAsNode]).toBe(FuseState.ENABLE);
    }
  });

  test('asar holds the built main, preload and renderer, package.json, and nothing else of ours', () => {
    const { files, unpacked } = asarFiles(asarPath());
    expect(unpacked).toEqual([]);
    const ours = files.filter((file) => !file.startsWith('node_modules/'));
    const renderer = filesUnder('dist/renderer').filter((file) => !file.endsWith('.map'));
    const expected = ['package.json', ...mainBundle(), 'dist/preload/preload.cjs', ...renderer].sort();
    expect(ours).toEqual(expected);
    expect(ours).toContain('dist/electron/main.js');
    expect(ours).toContain('dist/renderer/index.html');
    expect(ours).not.toContain('dist/electron/browser-host.js');
    expect(ours.filter((file) => file.endsWith('.map'))).toEqual([]);

    const packagedJson = JSON.parse(extractFile(asarPath(), 'package.json').toString('utf8'));
    expect(packagedJson.main).toBe(pkg.main);
    expect(packagedJson.main).toBe('dist/electron/main.js');
    expect(packagedJson.devDependencies).toBeUndefined();
    expect(packagedJson.scripts).toBeUndefined();

    const size = files.length;
    report.push(
      `  asar:     ${size} files; ours: ${ours.length} (${mainBundle().join(', ')}, preload, renderer)`,
    );
  });

  test('asar node_modules hold the production dependencies and no development ones', () => {
    const { files } = asarFiles(asarPath());
    const packaged = new Set<string>();
    for (const file of files) {
      const name = file.match(/(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\/package\.json$/)?.[1];
      if (name) packaged.add(name);
    }
    const { production, development } = lockfilePackages();

    for (const name of Object.keys(pkg.dependencies)) {
      expect(files, `dependency ${name}`).toContain(`node_modules/${name}/package.json`);
    }
    expect(
      [...packaged].filter((name) => !production.has(name)).sort(),
      'packages not in production',
    ).toEqual([]);
    expect([...packaged].filter((name) => development.has(name)).sort(), 'development packages').toEqual([]);
    for (const name of Object.keys(pkg.devDependencies)) {
      if (!production.has(name)) expect(packaged.has(name), `devDependency ${name}`).toBe(false);
    }
    expect(
      [...production].filter((name) => !packaged.has(name)).sort(),
      'production packages missing',
    ).toEqual([]);
    report.push(
      `  modules:  ${packaged.size} packages, the production tree of ${Object.keys(pkg.dependencies).join(', ')}`,
    );
  });

  test('ships the tray images as extra resources in resources/tray', () => {
    for (const name of trayImages) {
      const shipped = join(resourcesDir(), 'tray', name);
      expect(existsSync(shipped), name).toBe(true);
      expect(readFileSync(shipped).equals(readFileSync(join(root, 'build/tray', name))), name).toBe(true);
    }
    report.push(`  tray:     ${trayImages.length} images in ${join(resourcesDir(), 'tray')}`);
  });

  test('records the asar integrity hash where Electron reads it from Info.plist (macOS only)', (context) => {
    if (packed!.electronPlatformName !== 'darwin') {
      context.skip();
      return;
    }
    const plist = readFileSync(join(packagedBinary(), 'Contents', 'Info.plist'), 'utf8');
    expect(plist).toContain('ElectronAsarIntegrity');
  });
});

// The committed icons are rendered on Linux x64; another CPU's rasteriser may anti-alias differently.
test.runIf(process.platform === 'linux' && process.arch === 'x64')(
  'the committed icons match build/icon.svg',
  () => {
    const output = execFileSync(process.execPath, [join(root, 'scripts/make-icons.mjs'), '--check'], {
      encoding: 'utf8',
    });
    report.push(`  icons:    ${output.trim()}`);
  },
);
