import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
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

// ----- the tray window (the compact chat next to the tray), where a binary exists -----

const TRAY_URL = 'app://renderer/index.html?window=tray';

/** Runs an application-menu item by id, as a click in the focused window would. */
async function clickAppMenu(app: ElectronApplication, id: string): Promise<void> {
  await app.evaluate(({ BrowserWindow, Menu }, itemId) => {
    const item = Menu.getApplicationMenu()?.getMenuItemById(itemId);
    if (!item) throw new Error(`The application menu has no item "${itemId}".`);
    const focused = BrowserWindow.getFocusedWindow();
    item.click(undefined, focused ?? undefined, focused?.webContents);
  }, id);
}

/** Window › Quick Chat, and the tray window's page once it is there. */
async function openTrayWindow(app: ElectronApplication) {
  const existing = app.windows().find((page) => page.url() === TRAY_URL);
  if (existing) {
    await clickAppMenu(app, 'tray-window');
    return existing;
  }
  const [page] = await Promise.all([
    app.waitForEvent('window', { predicate: (p) => p.url() === TRAY_URL }),
    clickAppMenu(app, 'tray-window'),
  ]);
  await page.waitForLoadState('domcontentloaded');
  return page;
}

/** What main knows of the tray window: shown, where, on which display, with which preferences. */
function trayWindowState(app: ElectronApplication) {
  return app.evaluate(({ BrowserWindow, screen }, url) => {
    const win = BrowserWindow.getAllWindows().find((w) => w.webContents.getURL() === url);
    if (!win) return null;
    const bounds = win.getBounds();
    const area = screen.getDisplayMatching(bounds).workArea;
    const contents = win.webContents as unknown as {
      getLastWebPreferences?: () => Record<string, unknown> | null;
    };
    return {
      visible: win.isVisible(),
      bounds,
      inWorkArea:
        bounds.x >= area.x &&
        bounds.y >= area.y &&
        bounds.x + bounds.width <= area.x + area.width &&
        bounds.y + bounds.height <= area.y + area.height,
      prefs: contents.getLastWebPreferences?.() ?? null,
    };
  }, TRAY_URL);
}

const invokeIn = (page: Page, route: string, input?: unknown) =>
  page.evaluate(
    ([r, i]) =>
      (
        globalThis as unknown as { assistant: { invoke(r: string, i?: unknown): Promise<unknown> } }
      ).assistant.invoke(r as string, i),
    [route, input] as const,
  );

test('the tray window opens compact and secure on ?window=tray, inside the screen, and hides on blur', async () => {
  await electronApp!.firstWindow();
  const tray = await openTrayWindow(electronApp!);
  expect(tray.url()).toBe(TRAY_URL);
  await expect.poll(async () => (await trayWindowState(electronApp!))?.visible).toBe(true);
  const state = await trayWindowState(electronApp!);
  expect(state?.inWorkArea).toBe(true);
  expect(state?.bounds.width).toBeLessThanOrEqual(480);
  expect(state?.prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  expect(state?.prefs?.webviewTag).not.toBe(true);

  const page = await tray.evaluate(() => ({
    hasProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined',
    hasRequire: typeof (globalThis as { require?: unknown }).require !== 'undefined',
  }));
  expect(page).toEqual({ hasProcess: false, hasRequire: false });
  // It is one of our windows: its requests reach the router.
  expect(await invokeIn(tray, 'desktop.get')).toMatchObject({
    ok: true,
    value: { status: { available: true } },
  });

  await electronApp!.evaluate(({ BrowserWindow }, url) => {
    BrowserWindow.getAllWindows()
      .find((w) => w.webContents.getURL() === url)
      ?.blur();
  }, TRAY_URL);
  await expect.poll(async () => (await trayWindowState(electronApp!))?.visible).toBe(false);
});

test('a pinned tray window stays open on blur; tray.hide (its Escape) hides it', async () => {
  await electronApp!.firstWindow();
  const tray = await openTrayWindow(electronApp!);
  await expect.poll(async () => (await trayWindowState(electronApp!))?.visible).toBe(true);
  expect(await invokeIn(tray, 'desktop.update', { patch: { trayPinned: true } })).toMatchObject({ ok: true });
  await electronApp!.evaluate(({ BrowserWindow }, url) => {
    BrowserWindow.getAllWindows()
      .find((w) => w.webContents.getURL() === url)
      ?.blur();
  }, TRAY_URL);
  await tray.waitForTimeout(300);
  expect((await trayWindowState(electronApp!))?.visible).toBe(true);
  expect(await invokeIn(tray, 'tray.hide')).toEqual({ ok: true, value: { hidden: true } });
  await expect.poll(async () => (await trayWindowState(electronApp!))?.visible).toBe(false);
});

test('a message sent from the tray window is answered there and shared with the main window', async () => {
  const main = await electronApp!.firstWindow();
  const tray = await openTrayWindow(electronApp!);
  await tray.getByRole('textbox', { name: 'Message' }).fill('Hello from the tray');
  await tray.getByRole('button', { name: 'Send' }).click();
  await expect(tray.getByRole('log')).toContainText('You said: Hello from the tray');
  const listed = (await invokeIn(main, 'conversations.list')) as { ok: true; value: { title: string }[] };
  expect(listed.value.map((c) => c.title)).toContain('Hello from the tray');
});

test('the global shortcut is registered, and changing it in settings moves it', async () => {
  const main = await electronApp!.firstWindow();
  const registered = (accelerator: string) =>
    electronApp!.evaluate(({ globalShortcut }, a) => globalShortcut.isRegistered(a), accelerator);
  expect(await registered('CommandOrControl+Shift+Space')).toBe(true);
  const changed = await invokeIn(main, 'desktop.update', {
    patch: { shortcut: 'CommandOrControl+Alt+Shift+K' },
  });
  expect(changed).toMatchObject({ ok: true, value: { status: { shortcut: { registered: true } } } });
  expect(await registered('CommandOrControl+Alt+Shift+K')).toBe(true);
  expect(await registered('CommandOrControl+Shift+Space')).toBe(false);
  const invalid = await invokeIn(main, 'desktop.update', { patch: { shortcut: 'Ctrl+Shift' } });
  expect(invalid).toMatchObject({
    ok: false,
    error: { code: 'invalid-input', fields: { shortcut: expect.any(String) } },
  });
});

test('closing the main window keeps the app in the tray; a second launch shows it again', async () => {
  await electronApp!.firstWindow();
  const mainState = () =>
    electronApp!.evaluate(({ BrowserWindow }) => {
      const win = BrowserWindow.getAllWindows().find(
        (w) => w.webContents.getURL() === 'app://renderer/index.html',
      );
      return win ? { visible: win.isVisible(), destroyed: win.isDestroyed() } : null;
    });
  const view = (await invokeIn(await electronApp!.firstWindow(), 'desktop.get')) as {
    value: { status: { tray: { available: boolean } } };
  };
  test.skip(!view.value.status.tray.available, 'This desktop shows no tray: closing the main window quits.');
  await electronApp!.evaluate(({ BrowserWindow }) => {
    BrowserWindow.getAllWindows()
      .find((w) => w.webContents.getURL() === 'app://renderer/index.html')
      ?.close();
  });
  await expect.poll(mainState).toEqual({ visible: false, destroyed: false });
  await electronApp!.evaluate(({ app }) => {
    app.emit('second-instance', {}, [], process.cwd(), {});
  });
  await expect.poll(mainState).toEqual({ visible: true, destroyed: false });
});
