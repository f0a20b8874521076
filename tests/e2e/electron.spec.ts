import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { _electron, expect, test, type ElectronApplication } from '@playwright/test';
import { startTestServer, type TestServer } from '../support/openai-test-server';

/**
 * The real app in the real Electron binary, where one is installed. The binary is downloaded from
 * outside the npm registry, so on machines without it this suite is skipped, loudly; the boot test
 * (tests/boot) and the browser-host specs cover the same wiring there.
 */

/**
 * Whether Electron's binary is on disk. Looked up without importing the `electron` package: its
 * entry point tries to download the binary when it is missing.
 */
function electronInstalled(): boolean {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return false;
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return existsSync(join(override, relative || 'electron'));
  return relative !== '' && existsSync(join(packageDir, 'dist', relative));
}

const installed = electronInstalled();
const skipReason = 'SKIPPED: Electron binary not installed — the _electron specs ran nothing on this machine';
if (!installed) {
  const bar = '!'.repeat(skipReason.length);
  console.warn(`\n${bar}\n${skipReason}\n${bar}\n`);
}
test.skip(!installed, skipReason);

let server: TestServer | undefined;
let electronApp: ElectronApplication | undefined;
let userData: string;

test.beforeEach(async () => {
  userData = mkdtempSync(join(tmpdir(), 'electron-e2e-'));
  server = await startTestServer({ flavor: 'ollama' });
  electronApp = await _electron.launch({
    args: ['.'],
    env: {
      ...(process.env as Record<string, string>),
      ASSISTANT_BACKEND_URL: server.url,
      ELECTRON_USER_DATA: userData,
    },
  });
});

test.afterEach(async () => {
  await electronApp?.close();
  await server?.close();
  electronApp = undefined;
  server = undefined;
  rmSync(userData, { recursive: true, force: true });
});

test('a message sent in the Electron window gets its reply', async () => {
  const window = await electronApp!.firstWindow();
  expect(window.url()).toBe('app://renderer/index.html');
  await window.getByRole('textbox', { name: 'Message' }).fill('Hello from Electron');
  await window.getByRole('button', { name: 'Send' }).click();
  await expect(window.getByRole('log')).toContainText('You said: Hello from Electron');
});

test('the window runs sandboxed, isolated, without Node, behind the preload API', async () => {
  const window = await electronApp!.firstWindow();
  const prefs = await electronApp!.evaluate(({ BrowserWindow }) => {
    const [win] = BrowserWindow.getAllWindows();
    // Not in Electron's typings, but present at runtime: the preferences the page was created with.
    const contents = win?.webContents as unknown as {
      getLastWebPreferences?: () => Record<string, unknown> | null;
    };
    return contents.getLastWebPreferences?.() ?? null;
  });
  expect(prefs, 'webContents.getLastWebPreferences() returned nothing').not.toBeNull();
  expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  expect(prefs?.webSecurity).not.toBe(false);
  expect(prefs?.nodeIntegrationInWorker).not.toBe(true);
  expect(prefs?.webviewTag).not.toBe(true);

  const page = await window.evaluate(() => ({
    hasProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined',
    hasRequire: typeof (globalThis as { require?: unknown }).require !== 'undefined',
    api: Object.entries((globalThis as { assistant?: Record<string, unknown> }).assistant ?? {}).map(
      ([key, value]) => [key, typeof value],
    ),
  }));
  expect(page.hasProcess).toBe(false);
  expect(page.hasRequire).toBe(false);
  expect(page.api.sort()).toEqual([
    ['invoke', 'function'],
    ['on', 'function'],
  ]);
});
