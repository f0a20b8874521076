import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipcChannel } from '../../shared/contract/api';
import { routeNames } from '../../shared/contract/routes';
import { createFakeElectron, type FakeCall } from './fake-electron/fake.mjs';

/**
 * The built bundles, loaded with a stand-in `electron` (docs/design.md, "Testing without the Electron
 * binary"): main runs in a child Node process whose `electron` import (and electron-store's) resolves
 * to tests/boot/fake-electron; the preload runs in a bare `vm` context with a `require` that serves
 * `electron` only, as a sandboxed preload's does.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const built = {
  main: join(root, 'dist/electron/main.js'),
  preload: join(root, 'dist/preload/preload.cjs'),
  rendererEntry: join(root, 'dist/renderer/index.html'),
};
const fakeDir = fileURLToPath(new URL('./fake-electron/', import.meta.url));

function requireBuilt(file: string): void {
  if (!existsSync(file)) {
    throw new Error(`${relative(root, file)} is missing: run \`npm run build\` before the boot test.`);
  }
}

type Result = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
interface FetchProbe {
  status: number;
  csp: string | null;
  type: string | null;
  body: string;
}
interface BootReport {
  calls: FakeCall[];
  windows: { id: number; options: Record<string, unknown>; url: string }[];
  errors: string[];
  probes: {
    evil: Record<string, Result>;
    evilSentEvents: string[];
    genuine: Record<string, Result>;
    sentEvents: string[];
    permissions: {
      request: Record<string, unknown>;
      check: Record<string, unknown>;
      defaultSessionHasHandlers: boolean;
    };
    windowOpen: Record<string, { action: string }>;
    openedExternally: string[];
    navigation: Record<string, boolean>;
    webviewPrevented: boolean;
    laterContentsHardened: boolean;
    protocol: {
      entry: FetchProbe;
      missing: FetchProbe;
      traversal: FetchProbe[];
      otherHost: FetchProbe;
      post: FetchProbe;
    };
    quit: { quit: boolean };
    dataFiles: string[];
    handlersAfterQuit: string[];
    windowStateFile: { windows: Record<string, Bounds & { maximized?: boolean }> } | null;
    desktop: DesktopProbes;
    secondLaunch: { quit: QuitState; windows: number; trays: number; shortcuts: number };
  };
}

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Presence {
  visible: boolean;
  focused: boolean;
  destroyed: boolean;
}
interface MenuEntry {
  id?: string;
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  checked?: boolean;
  submenu?: MenuEntry[];
}
interface AppCommandSent {
  command: string;
  target: string;
  conversationId?: string;
  profileId?: string;
  prompt?: string;
}
type QuitState = { quitting: boolean; quit: boolean };
type Answer<T = unknown> =
  | { ok: true; value: T }
  | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };
interface DesktopViewSeen {
  prefs: Record<string, unknown> & { shortcut: string; trayPinned: boolean; startHidden: boolean };
  status: {
    available: boolean;
    reason?: string;
    shortcut: { accelerator: string; registered: boolean; problem?: string };
    tray: { available: boolean; problem?: string };
    loginItemSupported: boolean;
  };
}

/** What boot-driver.mjs found in the desktop shell; each scenario fills its own part. */
interface DesktopProbes {
  // full
  startupSeq: number;
  mainAtStart: Presence;
  themeSource: string;
  initialView: Answer<DesktopViewSeen>;
  trayCount: number;
  trayMenu: MenuEntry[];
  trayIcon: string;
  appMenu: MenuEntry[];
  trayWindow: Presence & { url: string; bounds: Bounds };
  trayFocusCommands: AppCommandSent[];
  fromTray: Record<string, Answer>;
  afterBlur: Presence;
  clickThatBlurred: Presence;
  centred: Bounds;
  clickWhileFocused: Presence;
  pin: Answer<DesktopViewSeen>;
  pressDefault: boolean;
  pinnedAfterBlur: Presence;
  trayHide: Answer<{ hidden: boolean }>;
  afterTrayHide: Presence;
  trayHideAgain: Answer<{ hidden: boolean }>;
  shortcut: {
    registeredAtStart: string;
    change: Answer<DesktopViewSeen>;
    afterChange: { old: boolean; new: boolean };
    pressNew: boolean;
    trayAfterPress: Presence;
    trayAfterSecondPress: Presence;
    invalid: Answer;
    unknownKey: Answer;
    taken: Answer;
    afterTaken: { view: Answer<DesktopViewSeen>; kept: boolean; taken: boolean };
    launchAtLogin: Answer;
  };
  desktopChangedEvents: number;
  menuNewChatInMain: AppCommandSent[];
  menuNewChatInTray: AppCommandSent[];
  menuSettings: { commands: AppCommandSent[]; main: Presence; tray: Presence };
  trayMenuNewChat: { commands: AppCommandSent[]; tray: Presence };
  switchedBackend?: { to: string; defaultProfileId: string };
  hiddenReply: string[];
  notification: { title: string; body: string };
  notificationClick: { main: Presence; commands: AppCommandSent[]; conversationId: string };
  watchedReply: string[];
  notificationCount: number;
  darkTheme: { trayIcon: string; mainBackground: string };
  beforeSecondInstance: Presence;
  afterSecondInstance: Presence;
  afterClose: { main: Presence; quit: QuitState };
  closeToTrayShowAgain: Presence;
  showMain: {
    before: Presence;
    answer: Answer<{ shown: boolean }>;
    settingsAnswer: Answer<{ shown: boolean }>;
    main: Presence;
    tray: Presence;
    commands: AppCommandSent[];
    trayCommands: AppCommandSent[];
    notAHandOver: Answer;
  };
  showMainFromTray: {
    before: Presence;
    answer: Answer<{ shown: boolean }>;
    main: Presence;
    commands: AppCommandSent[];
    conversationId: string;
  };
  // other scenarios
  view: Answer<DesktopViewSeen>;
  trayWindowBounds: Bounds;
  mainBounds: Bounds;
  showCalls: number;
  trayWindowExists: boolean;
  change: Answer<DesktopViewSeen>;
  afterChange: boolean;
  closed: { quit: QuitState; windows: number };
}

const DEFAULT_SHORTCUT = 'CommandOrControl+Shift+Space';

/**
 * Runs the boot driver in a child Node process with the stand-in `electron`, in one scenario (see
 * boot-driver.mjs), and returns its report. `seeds` are files written into the data folder first.
 */
async function bootScenario(
  scenario: string,
  options: { env?: Record<string, string>; seeds?: Record<string, string> } = {},
): Promise<{ report: BootReport; userData: string }> {
  requireBuilt(built.main);
  requireBuilt(built.preload);
  const userData = mkdtempSync(join(tmpdir(), `boot-test-${scenario}-`));
  const reportPath = join(userData, 'report.json');
  const output = await new Promise<string>((resolve) => {
    execFile(
      process.execPath,
      ['--import', join(fakeDir, 'register.mjs'), join(dirname(fakeDir), 'boot-driver.mjs')],
      {
        cwd: root,
        timeout: 30_000,
        env: {
          PATH: process.env.PATH,
          HOME: userData,
          BOOT_MAIN_BUNDLE: built.main,
          BOOT_SCENARIO: scenario,
          FAKE_ELECTRON_REPORT: reportPath,
          FAKE_ELECTRON_USER_DATA: join(userData, 'default-user-data'),
          ELECTRON_USER_DATA: join(userData, 'user-data'),
          ...(options.seeds ? { BOOT_SEED_FILES: JSON.stringify(options.seeds) } : {}),
          ...options.env,
        },
      },
      (error, stdout, stderr) => resolve(`${error ? `${error.message}\n` : ''}${stdout}\n${stderr}`),
    );
  });
  if (!existsSync(reportPath)) throw new Error(`The boot driver wrote no report. Its output:\n${output}`);
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as BootReport & { output?: string };
  if (report.errors.length)
    throw new Error(`The boot driver failed:\n${report.errors.join('\n')}\n${output}`);
  report.output = output;
  return { report, userData };
}

const seedPrefs = (prefs: Record<string, unknown>) => ({
  'desktop.json': JSON.stringify({ schemaVersion: 1, prefs }),
});

/** Every item of a menu, depth first. */
const flatten = (items: MenuEntry[]): MenuEntry[] => items.flatMap((i) => [i, ...flatten(i.submenu ?? [])]);

describe('main bundle, booted against a stand-in electron', () => {
  let report: BootReport;
  let userData = '';
  const calls = (api: string) => report.calls.filter((c) => c.api === api);
  /** Calls made while the app started, before the driver began poking the desktop shell. */
  const startupCalls = (api: string) =>
    calls(api).filter((c) => c.seq <= (report.probes.desktop.startupSeq as number));
  const desktop = () => report.probes.desktop;

  beforeAll(async () => {
    ({ report, userData } = await bootScenario('full'));
  }, 40_000);

  afterAll(() => {
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  it('asks for the single-instance lock and honours ELECTRON_USER_DATA before ready', () => {
    expect(calls('app.requestSingleInstanceLock')).toHaveLength(1);
    expect(calls('app.requestSingleInstanceLock')[0]?.ready).toBe(false);
    expect(calls('app.setPath')).toContainEqual(
      expect.objectContaining({ ready: false, args: ['userData', join(userData, 'user-data')] }),
    );
  });

  it('registers app:// as a privileged scheme before ready, and serves it after', () => {
    const registered = calls('protocol.registerSchemesAsPrivileged');
    expect(registered).toHaveLength(1);
    expect(registered[0]?.ready).toBe(false);
    expect(registered[0]?.args[0]).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }),
      }),
    ]);
    expect(calls('protocol.handle').map((c) => [c.args[0], c.ready])).toEqual([['app', true]]);
  });

  it('binds every route of the contract with ipcMain.handle', () => {
    const channels = calls('ipcMain.handle').map((c) => c.args[0]);
    for (const name of routeNames) expect(channels).toContain(ipcChannel.route(name));
    expect(channels).toHaveLength(routeNames.length);
  });

  it('opens one window with secure webPreferences and an existing preload', () => {
    const created = startupCalls('BrowserWindow.constructor');
    expect(created).toHaveLength(1);
    const options = created[0]?.args[0] as { show?: boolean; webPreferences: Record<string, unknown> };
    const prefs = options.webPreferences;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.webSecurity).not.toBe(false);
    expect(prefs.allowRunningInsecureContent).not.toBe(true);
    expect(prefs.webviewTag).not.toBe(true);
    expect(prefs.experimentalFeatures).not.toBe(true);
    const preload = prefs.preload as string;
    expect(isAbsolute(preload)).toBe(true);
    expect(preload).toBe(built.preload);
    expect(existsSync(preload)).toBe(true);
    expect(options.show).toBe(false);
    expect(startupCalls('BrowserWindow.show')).toHaveLength(1); // on ready-to-show
  });

  it('loads the app:// renderer entry, which was built (the tray window with ?window=tray)', () => {
    const loaded = [...calls('BrowserWindow.loadURL'), ...calls('webContents.loadURL')].map((c) => c.args[1]);
    expect(loaded.length).toBeGreaterThan(0);
    expect(new Set(loaded)).toEqual(
      new Set(['app://renderer/index.html', 'app://renderer/index.html?window=tray']),
    );
    expect(calls('BrowserWindow.loadFile')).toHaveLength(0);
    requireBuilt(built.rendererEntry);
  });

  it('serves the renderer over app:// with a strict CSP and refuses paths outside it', () => {
    const { entry, missing, traversal, otherHost, post } = report.probes.protocol;
    expect(entry.status).toBe(200);
    expect(entry.type).toMatch(/^text\/html/);
    expect(entry.body).toMatch(/<html/i);
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "connect-src 'self'",
      "frame-ancestors 'none'",
    ]) {
      expect(entry.csp).toContain(directive);
    }
    expect(missing.status).toBe(404);
    for (const attempt of traversal) {
      expect(attempt.status).not.toBe(200);
      expect(attempt.body).not.toContain('local-llm-desk');
    }
    expect(otherHost.status).toBe(404);
    expect(post.status).toBe(405);
  });

  it('denies permission requests and checks by default', () => {
    expect(calls('session.setPermissionRequestHandler').length).toBeGreaterThan(0);
    expect(calls('session.setPermissionCheckHandler').length).toBeGreaterThan(0);
    const { request, check, defaultSessionHasHandlers } = report.probes.permissions;
    expect(defaultSessionHasHandlers).toBe(true);
    expect(request).toEqual({
      media: false,
      geolocation: false,
      notifications: false,
      openExternal: false,
      clipboardFromEvil: false,
    });
    expect(check).toEqual({ media: false, hid: false });
  });

  it('denies new windows and opens only validated http(s) links externally', () => {
    const { windowOpen, openedExternally } = report.probes;
    for (const answer of Object.values(windowOpen)) expect(answer).toEqual({ action: 'deny' });
    expect(openedExternally).toEqual(['https://example.com/docs']);
  });

  it('keeps navigation on the app origin and refuses webviews, for every webContents', () => {
    expect(report.probes.navigation).toEqual({
      navigateAway: true,
      navigateFile: true,
      navigateInApp: false,
      redirectAway: true,
      redirectInApp: false,
    });
    expect(report.probes.webviewPrevented).toBe(true);
    expect(report.probes.laterContentsHardened).toBe(true);
  });

  it('answers IPC from a foreign origin, frame or window with forbidden, without reaching the router', () => {
    const { evil, evilSentEvents, genuine } = report.probes;
    for (const [name, answer] of Object.entries(evil)) {
      expect(answer, name).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // The router never ran: no event went out, nothing was created, no profile was added.
    expect(evilSentEvents).toEqual([]);
    expect(genuine.conversationsList).toEqual({ ok: true, value: [] });
    const list = genuine.profilesList as { ok: true; value: { profiles: { name: string }[] } };
    expect(list.value.profiles.map((p) => p.name)).not.toContain('Evil');
  });

  it('answers IPC from the app window through the real router, and forwards events to it', () => {
    const { genuine, sentEvents } = report.probes;
    // Keys go through safeStorage: on the stand-in's basic_text backend, settings say they are only obfuscated.
    expect(genuine.settingsGet).toMatchObject({
      ok: true,
      value: {
        defaultProfileId: expect.any(String),
        secrets: { encrypted: false, backend: 'basic_text', warning: expect.stringMatching(/obfuscated/) },
      },
    });
    expect(genuine.invalidInput).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(genuine.profileCreate).toMatchObject({ ok: true, value: { name: 'Boot proxy', hasApiKey: true } });
    expect(JSON.stringify(genuine)).not.toContain('sk-boot-secret');
    expect(sentEvents).toContain(ipcChannel.event('profiles.changed'));
  });

  it('stores data with electron-store (against the stand-in) under userData/data', () => {
    expect(calls('ipcMain.on').map((c) => c.args[0])).toContain('electron-store-get-data');
    expect(report.probes.dataFiles.some((f) => f.endsWith('.json'))).toBe(true);
  });

  it('holds the quit until the core has closed, then quits and unbinds IPC', () => {
    expect(calls('app.quit.prevented')).toHaveLength(1);
    expect(report.probes.quit.quit).toBe(true);
    expect(report.probes.handlersAfterQuit).toEqual([]);
  });

  describe('desktop shell: tray, tray window, shortcut, menus, notifications', () => {
    const ok = <T>(answer: Answer<T>): T => {
      if (!answer.ok) throw new Error(`expected ok, got ${JSON.stringify(answer.error)}`);
      return answer.value;
    };

    it('follows the system theme, and starts with the tray, the default shortcut and a visible main window', () => {
      const d = desktop();
      expect(d.themeSource).toBe('system');
      expect(d.mainAtStart).toMatchObject({ visible: true });
      expect(d.trayCount).toBe(1);
      expect(calls('Tray.constructor')[0]?.ready).toBe(true);
      const view = ok(d.initialView);
      expect(view.status).toEqual({
        available: true,
        shortcut: { accelerator: DEFAULT_SHORTCUT, registered: true },
        tray: { available: true },
        loginItemSupported: false, // Linux, and not packaged
      });
      expect(d.shortcut.registeredAtStart).toBe(DEFAULT_SHORTCUT);
      // The icon for a light panel, from build/tray in development; no crash if the file is missing yet.
      expect(d.trayIcon).toBe(join(root, 'build/tray/tray-light.png'));
    });

    it('gives the tray a menu: Open chat, New chat, Backend (profiles as radio items), Settings, Quit', () => {
      const d = desktop();
      const labels = d.trayMenu.filter((i) => i.type !== 'separator').map((i) => i.label);
      expect(labels).toEqual(['Open chat', 'New chat', 'Open main window', 'Backend', 'Settings…', 'Quit']);
      const backends = d.trayMenu.find((i) => i.id === 'backend')?.submenu ?? [];
      expect(backends.length).toBeGreaterThanOrEqual(2);
      expect(backends.every((b) => b.type === 'radio')).toBe(true);
      expect(backends.filter((b) => b.checked)).toHaveLength(1);
      expect(backends.map((b) => b.label)).toContain('Boot proxy');
    });

    it('switches the default backend from the tray menu, through the router', () => {
      const switched = desktop().switchedBackend;
      expect(switched).toBeDefined();
      expect(`backend:${switched?.defaultProfileId}`).toBe(switched?.to);
    });

    it('shows the tray window next to the tray on a click, with the secure webPreferences, on ?window=tray', () => {
      const d = desktop();
      expect(d.trayWindow).toMatchObject({
        url: 'app://renderer/index.html?window=tray',
        visible: true,
        focused: true,
        // Tray at x 1600..1624 in a bottom taskbar (work area 1920×1040): above it, centred on it.
        bounds: { x: 1612 - 210, y: 1040 - 560 - 4, width: 420, height: 560 },
      });
      const created = calls('BrowserWindow.constructor').map(
        (c) =>
          c.args[0] as { frame?: boolean; skipTaskbar?: boolean; webPreferences: Record<string, unknown> },
      );
      expect(created).toHaveLength(2);
      const [main, tray] = created;
      expect(tray?.webPreferences).toEqual(main?.webPreferences);
      expect(tray?.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        preload: built.preload,
      });
      expect(tray).toMatchObject({ frame: false, skipTaskbar: true, show: false, width: 420, height: 560 });
      // Hardened like every webContents: window.open, navigation and webviews are guarded.
      const trayId = calls('webContents.loadURL').find((c) => String(c.args[1]).includes('window=tray'))
        ?.args[0];
      expect(calls('webContents.setWindowOpenHandler').map((c) => c.args[0])).toContain(trayId);
      const guarded = calls('webContents.on')
        .filter((c) => c.args[0] === trayId)
        .map((c) => c.args[1]);
      expect(guarded).toEqual(
        expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']),
      );
    });

    it('tells the tray window to focus its composer when it shows', () => {
      expect(desktop().trayFocusCommands).toContainEqual({ command: 'focus-composer', target: 'tray' });
    });

    it('answers IPC from the tray window: it is one of our windows', () => {
      const { fromTray } = desktop();
      expect(fromTray.desktopGet).toMatchObject({ ok: true, value: { status: { available: true } } });
      expect(fromTray.conversationsList).toMatchObject({ ok: true });
    });

    it('hides the tray window when it loses focus, and the click that took focus does not reopen it', () => {
      const d = desktop();
      expect(d.afterBlur.visible).toBe(false);
      expect(d.clickThatBlurred.visible).toBe(false);
    });

    it('centres the tray window when the tray reports no bounds, and a click while it has focus hides it', () => {
      const d = desktop();
      expect(d.centred).toEqual({ x: (1920 - 420) / 2, y: (1040 - 560) / 2, width: 420, height: 560 });
      expect(d.clickWhileFocused.visible).toBe(false);
    });

    it('keeps a pinned tray window open on blur; tray.hide from the window hides it', () => {
      const d = desktop();
      expect(ok(d.pin).prefs.trayPinned).toBe(true);
      expect(d.pressDefault).toBe(true);
      expect(d.pinnedAfterBlur).toMatchObject({ visible: true, focused: false });
      expect(d.trayHide).toEqual({ ok: true, value: { hidden: true } });
      expect(d.afterTrayHide.visible).toBe(false);
      expect(d.trayHideAgain).toEqual({ ok: true, value: { hidden: false } });
    });

    it('re-registers a changed shortcut (normalised) and releases the old one; the new one toggles the tray window', () => {
      const { shortcut } = desktop();
      const view = ok(shortcut.change);
      expect(view.prefs.shortcut).toBe('Alt+Shift+K');
      expect(view.status.shortcut).toEqual({ accelerator: 'Alt+Shift+K', registered: true });
      expect(shortcut.afterChange).toEqual({ old: false, new: true });
      expect(shortcut.pressNew).toBe(true);
      expect(shortcut.trayAfterPress).toMatchObject({ visible: true, focused: true });
      expect(shortcut.trayAfterSecondPress.visible).toBe(false);
    });

    it('rejects an invalid shortcut string at fields.shortcut, changing nothing', () => {
      const { shortcut } = desktop();
      for (const answer of [shortcut.invalid, shortcut.unknownKey]) {
        expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
        expect(!answer.ok && answer.error.fields?.shortcut).toEqual(expect.any(String));
      }
    });

    it('reports a taken shortcut at fields.shortcut and keeps the previous one registered and saved', () => {
      const { shortcut } = desktop();
      expect(shortcut.taken).toMatchObject({ ok: false, error: { code: 'shortcut-unavailable' } });
      expect(!shortcut.taken.ok && shortcut.taken.error.fields?.shortcut).toMatch(/already used/);
      const after = ok(shortcut.afterTaken.view);
      expect(after.prefs.shortcut).toBe('Alt+Shift+K');
      // All or nothing: the other field of the refused patch was not saved either.
      expect(after.prefs.notifyWhenHidden).toBe(true);
      expect(after.status.shortcut).toEqual({ accelerator: 'Alt+Shift+K', registered: true });
      expect(shortcut.afterTaken).toMatchObject({ kept: true, taken: false });
      expect(desktop().desktopChangedEvents).toBeGreaterThanOrEqual(2);
    });

    it('refuses launch at login where the platform cannot do it', () => {
      expect(desktop().shortcut.launchAtLogin).toMatchObject({
        ok: false,
        error: { code: 'not-supported', fields: { launchAtLogin: expect.any(String) } },
      });
      expect(calls('app.setLoginItemSettings')).toHaveLength(0);
    });

    it('installs an application menu with standard roles, New Chat (CmdOrCtrl+N) and Settings (CmdOrCtrl+,)', () => {
      const items = flatten(desktop().appMenu);
      expect(items.find((i) => i.id === 'new-chat')?.accelerator).toBe('CmdOrCtrl+N');
      expect(items.find((i) => i.id === 'settings')?.accelerator).toBe('CmdOrCtrl+,');
      const roles = items.map((i) => i.role).filter(Boolean);
      for (const role of ['editMenu', 'quit', 'minimize', 'togglefullscreen', 'help'])
        expect(roles).toContain(role);
      // Not packaged: reload and DevTools are there for development.
      expect(roles).toContain('toggleDevTools');
    });

    it('sends New Chat to the window it was used in, and Settings to the main window', () => {
      const d = desktop();
      expect(d.menuNewChatInMain).toEqual([{ command: 'new-chat', target: 'main' }]);
      expect(d.menuNewChatInTray).toEqual([{ command: 'new-chat', target: 'tray' }]);
      expect(d.menuSettings.commands).toEqual([{ command: 'open-settings', target: 'main' }]);
      expect(d.menuSettings.main).toMatchObject({ visible: true, focused: true });
      expect(d.trayMenuNewChat.commands).toContainEqual({ command: 'new-chat', target: 'tray' });
      expect(d.trayMenuNewChat.tray.visible).toBe(true);
    });

    it('notifies when a reply finishes with every window hidden, and not while the main window has focus', () => {
      const d = desktop();
      expect(d.hiddenReply.at(-1)).toBe('finished');
      expect(d.notification).toMatchObject({
        title: 'Hello from the boot test',
        body: 'Here is your answer.',
      });
      expect(d.watchedReply.at(-1)).toBe('finished');
      expect(d.notificationCount).toBe(1);
    });

    it('opens the main window on that conversation when the notification is clicked', () => {
      const { notificationClick } = desktop();
      expect(notificationClick.main).toMatchObject({ visible: true, focused: true });
      expect(notificationClick.commands).toEqual([
        { command: 'open-chat', target: 'main', conversationId: notificationClick.conversationId },
      ]);
    });

    it('swaps the tray icon and window background when the system turns dark', () => {
      expect(desktop().darkTheme).toEqual({
        trayIcon: join(root, 'build/tray/tray-dark.png'),
        mainBackground: '#1c1d1f',
      });
    });

    it('shows and focuses the main window on a second launch', () => {
      const d = desktop();
      expect(d.beforeSecondInstance.visible).toBe(false);
      expect(d.afterSecondInstance).toMatchObject({ visible: true, focused: true });
    });

    it('hides the main window to the tray on close (closeToTray), the app still running', () => {
      const d = desktop();
      expect(d.afterClose.main).toMatchObject({ visible: false, destroyed: false });
      expect(d.afterClose.quit).toEqual({ quitting: false, quit: false });
      expect(d.closeToTrayShowAgain).toMatchObject({ visible: true });
    });

    it('window.showMain from the tray window shows and focuses the main window and sends it the command', () => {
      const { showMain } = desktop();
      expect(showMain.before.focused).toBe(false);
      expect(showMain.answer).toEqual({ ok: true, value: { shown: true } });
      expect(showMain.settingsAnswer).toEqual({ ok: true, value: { shown: true } });
      expect(showMain.main).toMatchObject({ visible: true, focused: true });
      // Not pinned: the tray window goes away once the main window took over.
      expect(showMain.tray.visible).toBe(false);
      expect(showMain.commands).toEqual([
        { command: 'open-compare', target: 'main', prompt: 'Compare this prompt' },
        { command: 'open-settings', target: 'main', profileId: 'profile-1' },
      ]);
      // Every window gets every event; the tray page ignores commands aimed at main.
      expect(showMain.trayCommands.every((c) => c.target === 'main')).toBe(true);
      expect(showMain.notAHandOver).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    });

    it('window.showMain brings back a main window closed to the tray', () => {
      const { showMainFromTray } = desktop();
      expect(showMainFromTray.before).toMatchObject({ visible: false, destroyed: false });
      expect(showMainFromTray.answer).toEqual({ ok: true, value: { shown: true } });
      expect(showMainFromTray.main).toMatchObject({ visible: true, focused: true });
      expect(showMainFromTray.commands).toEqual([
        { command: 'open-chat', target: 'main', conversationId: showMainFromTray.conversationId },
      ]);
    });

    it('remembers each window’s place in window-state.json', () => {
      const windows = report.probes.windowStateFile?.windows;
      expect(windows?.main).toEqual({ x: 120, y: 90, width: 1000, height: 700, maximized: false });
      expect(windows?.tray).toMatchObject({ width: 420, height: 560 });
    });

    it('releases global shortcuts and the tray when it quits', () => {
      expect(calls('globalShortcut.unregisterAll').length).toBeGreaterThan(0);
      expect(calls('Tray.destroy')).toHaveLength(1);
    });
  });
});

describe('desktop shell in other situations (stand-in electron)', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const run = async (...args: Parameters<typeof bootScenario>) => {
    const { report, userData } = await bootScenario(...args);
    dirs.push(userData);
    return report;
  };
  const ok = <T>(answer: Answer<T>): T => {
    if (!answer.ok) throw new Error(`expected ok, got ${JSON.stringify(answer.error)}`);
    return answer.value;
  };

  it('without a tray: shows the main window even with "start hidden", says why, and quits on close', async () => {
    const report = await run('no-tray', {
      env: { FAKE_ELECTRON_NO_TRAY: '1' },
      seeds: seedPrefs({ startHidden: true }),
    });
    const d = report.probes.desktop;
    expect(d.trayCount).toBe(0);
    expect(d.mainAtStart).toMatchObject({ visible: true });
    const view = ok(d.view);
    expect(view.prefs.startHidden).toBe(true);
    expect(view.status.tray.available).toBe(false);
    expect(view.status.tray.problem).toMatch(/no tray/i);
    // The shortcut still opens the compact window, centred.
    expect(d.pressDefault).toBe(true);
    expect(d.trayWindowBounds).toEqual({ x: 750, y: 240, width: 420, height: 560 });
    // closeToTray is on, but hiding into a missing tray would lose the app: closing quits.
    expect(d.closed.quit).toEqual({ quitting: true, quit: true });
    expect((report as BootReport & { output: string }).output).toMatch(/no tray/i);
  }, 40_000);

  it('with damaged window places and desktop settings: default bounds, default prefs, the file moved aside', async () => {
    const report = await run('damaged-files', {
      seeds: {
        'desktop.json': '{ this is not json',
        'window-state.json': JSON.stringify({
          schemaVersion: 1,
          windows: { main: { x: 'left', y: null, width: -5 }, tray: { x: 0, y: 0, width: 500, height: 600 } },
        }),
      },
    });
    const d = report.probes.desktop;
    expect(d.mainAtStart).toMatchObject({ visible: true });
    const created = report.calls.find((c) => c.api === 'BrowserWindow.constructor')?.args[0] as Record<
      string,
      unknown
    >;
    expect(created).toMatchObject({ width: 1100, height: 760 });
    expect(created.x).toBeUndefined();
    expect(created.y).toBeUndefined();
    expect(ok(d.view).prefs).toMatchObject({
      shortcut: DEFAULT_SHORTCUT,
      closeToTray: true,
      trayPinned: false,
    });
    expect(ok(d.view).status.shortcut.registered).toBe(true);
    expect(report.probes.dataFiles.some((f) => /^desktop\.corrupt-.*\.json$/.test(f))).toBe(true);
    // The undamaged entry (the tray window's size) is kept.
    expect(d.trayWindowBounds).toMatchObject({ width: 500, height: 600 });
    expect(report.probes.quit.quit).toBe(true);
  }, 40_000);

  it('with closeToTray off: closing the main window quits, though a tray window exists', async () => {
    const report = await run('close-quits', { seeds: seedPrefs({ closeToTray: false }) });
    const d = report.probes.desktop;
    expect(d.trayWindowExists).toBe(true);
    expect(d.closed).toEqual({ quit: { quitting: true, quit: true }, windows: 0 });
  }, 40_000);

  it('starting hidden with a taken shortcut: no window shown, the problem reported, another shortcut works', async () => {
    const report = await run('hidden-start', {
      env: { FAKE_ELECTRON_TAKEN_SHORTCUTS: DEFAULT_SHORTCUT },
      seeds: seedPrefs({ startHidden: true }),
    });
    const d = report.probes.desktop;
    expect(d.mainAtStart).toMatchObject({ visible: false, destroyed: false });
    expect(d.showCalls).toBe(0);
    const status = ok(d.view).status;
    expect(status.shortcut).toMatchObject({ accelerator: DEFAULT_SHORTCUT, registered: false });
    expect(status.shortcut.problem).toMatch(/already used/);
    expect(d.pressDefault).toBe(false);
    expect(ok(d.change).status.shortcut).toEqual({ accelerator: 'Super+Alt+L', registered: true });
    expect(d.afterChange).toBe(true);
    expect(d.afterSecondInstance).toMatchObject({ visible: true, focused: true });
  }, 40_000);

  it('a second launch, which does not get the single-instance lock, quits at once and creates nothing', async () => {
    const report = await run('second-launch', { env: { FAKE_ELECTRON_NO_LOCK: '1' } });
    expect(report.probes.secondLaunch).toEqual({
      quit: { quitting: true, quit: true },
      windows: 0,
      trays: 0,
      shortcuts: 0,
    });
  }, 40_000);
});

describe('preload bundle, in a sandbox-like vm context', () => {
  type Api = Record<string, unknown> & {
    invoke(route: unknown, input?: unknown): Promise<unknown>;
    on(event: unknown, listener: unknown): () => void;
  };

  function loadPreload() {
    requireBuilt(built.preload);
    const fake = createFakeElectron();
    const required: string[] = [];
    const sandboxRequire = (id: string) => {
      required.push(id);
      if (id === 'electron') return fake;
      throw new Error(`A sandboxed preload cannot require "${id}".`);
    };
    const code = readFileSync(built.preload, 'utf8');
    const context = vm.createContext({ console });
    const wrapper = vm.runInContext(
      `(function (exports, require, module, __filename, __dirname) {\n${code}\n})`,
      context,
      { filename: built.preload },
    ) as (...args: unknown[]) => void;
    const module = { exports: {} };
    wrapper(module.exports, sandboxRequire, module, built.preload, dirname(built.preload));
    return { fake, required };
  }

  it('requires nothing but electron', () => {
    const { required } = loadPreload();
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('exposes `assistant` as an object of functions only', () => {
    const { fake } = loadPreload();
    const exposes = fake.__boot.calls.filter((c) => c.api === 'contextBridge.exposeInMainWorld');
    expect(exposes).toHaveLength(1);
    expect(exposes[0]?.args[0]).toBe('assistant');
    const api = fake.contextBridge.exposed.get('assistant') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('invokes a route on its channel and passes the answer through', async () => {
    const { fake } = loadPreload();
    const seen: unknown[][] = [];
    fake.ipcRenderer.respond = async (channel, ...args) => {
      seen.push([channel, ...args]);
      return { ok: true, value: 'answer' };
    };
    const api = fake.contextBridge.exposed.get('assistant') as Api;
    await expect(api.invoke('settings.get')).resolves.toEqual({ ok: true, value: 'answer' });
    await api.invoke('conversations.get', { id: 'c1' });
    expect(seen).toEqual([
      ['route:settings.get', undefined],
      ['route:conversations.get', { id: 'c1' }],
    ]);
  });

  it('answers a malformed route name with an error Result, without IPC', async () => {
    const { fake } = loadPreload();
    const api = fake.contextBridge.exposed.get('assistant') as Api;
    for (const bad of ['../secret', 'electron-store-get-data', 42, undefined]) {
      await expect(api.invoke(bad)).resolves.toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    expect(fake.__boot.calls.filter((c) => c.api === 'ipcRenderer.invoke')).toHaveLength(0);
  });

  it('delivers events without the IpcRendererEvent, and unsubscribes', () => {
    const { fake } = loadPreload();
    const api = fake.contextBridge.exposed.get('assistant') as Api;
    const received: unknown[][] = [];
    const off = api.on('settings.changed', (...args: unknown[]) => received.push(args));
    const channel = ipcChannel.event('settings.changed');
    fake.ipcRenderer.emit(channel, { sender: 'ipc-event', ports: [] }, { backend: { baseUrl: 'x' } });
    expect(received).toEqual([[{ backend: { baseUrl: 'x' } }]]);
    off();
    expect(fake.ipcRenderer.listenerCount(channel)).toBe(0);
    expect(() => api.on('not.an.event', () => {})).toThrow(/Unknown event/);
  });
});
