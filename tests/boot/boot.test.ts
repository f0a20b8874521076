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
 * The built bundles, loaded with a stand-in `electron` (DESIGN.md, "Testing without the Electron
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
  };
}

describe('main bundle, booted against a stand-in electron', () => {
  let report: BootReport;
  let userData: string;
  const calls = (api: string) => report.calls.filter((c) => c.api === api);

  beforeAll(async () => {
    requireBuilt(built.main);
    requireBuilt(built.preload);
    userData = mkdtempSync(join(tmpdir(), 'boot-test-'));
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
            FAKE_ELECTRON_REPORT: reportPath,
            FAKE_ELECTRON_USER_DATA: join(userData, 'default-user-data'),
            ELECTRON_USER_DATA: join(userData, 'user-data'),
          },
        },
        (error, stdout, stderr) => resolve(`${error ? `${error.message}\n` : ''}${stdout}\n${stderr}`),
      );
    });
    if (!existsSync(reportPath)) throw new Error(`The boot driver wrote no report. Its output:\n${output}`);
    report = JSON.parse(readFileSync(reportPath, 'utf8')) as BootReport;
    if (report.errors.length)
      throw new Error(`The boot driver failed:\n${report.errors.join('\n')}\n${output}`);
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
    const created = calls('BrowserWindow.constructor');
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
    expect(calls('BrowserWindow.show')).toHaveLength(1); // on ready-to-show
  });

  it('loads the app:// renderer entry, which was built', () => {
    const loaded = [...calls('BrowserWindow.loadURL'), ...calls('webContents.loadURL')].map((c) => c.args[1]);
    expect(loaded.length).toBeGreaterThan(0);
    for (const url of loaded) expect(url).toBe('app://renderer/index.html');
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
