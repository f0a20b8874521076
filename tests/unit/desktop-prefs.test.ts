import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopView } from '../../shared/domain/desktop';
import { DEFAULT_SHORTCUT, defaultDesktopPrefs } from '../../shared/domain/desktop';
import type { StoreProblem } from '../../shared/domain/store-problem';
import { AppError } from '../../electron/services/app-error';
import type { DesktopHost } from '../../electron/services/desktop/desktop-host';
import { DesktopPrefsStore, parseStoredPrefs } from '../../electron/services/desktop/desktop-prefs-store';
import { DesktopService, NO_DESKTOP_REASON } from '../../electron/services/desktop/desktop-service';
import { openConfStore } from '../../electron/services/store/open-conf-store';
import { AppHarness } from '../support/app-harness';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desktop-prefs-'));
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const prefsFile = () => path.join(dir, 'desktop.json');
const writePrefsFile = (content: unknown) =>
  fs.writeFileSync(prefsFile(), typeof content === 'string' ? content : JSON.stringify(content));

/**
 * A host like the Electron shell's: the OS refuses `taken` shortcuts and a second hold of one key
 * combination, however it is spelled (`same` maps a spelling to the one it equals).
 */
function fakeHost(
  options: {
    taken?: string[];
    loginItemSupported?: boolean;
    tray?: boolean;
    same?: Record<string, string>;
  } = {},
) {
  const held = new Set<string>();
  const taken = new Set(options.taken ?? []);
  const log: string[] = [];
  const combination = (accelerator: string) => options.same?.[accelerator] ?? accelerator;
  let trayVisible = false;
  const host: DesktopHost & { held: Set<string>; taken: Set<string>; log: string[]; loginItem: boolean[] } = {
    held,
    taken,
    log,
    loginItem: [],
    registerShortcut(accelerator) {
      log.push(`register ${accelerator}`);
      if (taken.has(accelerator) || [...held].some((h) => combination(h) === combination(accelerator)))
        return { ok: false, problem: `${accelerator} is already used by another app.` };
      held.add(accelerator);
      return { ok: true };
    },
    unregisterShortcut(accelerator) {
      log.push(`unregister ${accelerator}`);
      held.delete(accelerator);
    },
    loginItemSupported: options.loginItemSupported ?? true,
    setLaunchAtLogin(on) {
      host.loginItem.push(on);
    },
    trayStatus: () =>
      options.tray === false ? { available: false, problem: 'No tray here.' } : { available: true },
    hideTrayWindow() {
      const was = trayVisible;
      trayVisible = false;
      return was;
    },
    showMainWindow(whenLoaded) {
      log.push('show main');
      whenLoaded?.();
      return true;
    },
  };
  return Object.assign(host, { showTray: () => (trayVisible = true) });
}

const service = (
  host?: DesktopHost,
  onChanged?: (view: DesktopView) => void,
  onProblem?: (p: StoreProblem) => void,
) =>
  new DesktopService({
    dir,
    openStore: openConfStore,
    ...(host ? { host } : {}),
    ...(onChanged ? { onChanged } : {}),
    ...(onProblem ? { onProblem } : {}),
  });

function userErrorOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.userError;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('DesktopPrefsStore', () => {
  it('no file: the defaults, and nothing written until something is set', () => {
    const store = new DesktopPrefsStore({ dir, openStore: openConfStore });
    expect(store.get()).toEqual(defaultDesktopPrefs);
    expect(fs.existsSync(prefsFile())).toBe(false);
    store.set({ ...defaultDesktopPrefs, trayPinned: true });
    expect(new DesktopPrefsStore({ dir, openStore: openConfStore }).get().trayPinned).toBe(true);
  });

  it('an unparseable file: moved aside, reported, defaults', () => {
    writePrefsFile('{ not json');
    const problems: StoreProblem[] = [];
    const store = new DesktopPrefsStore({
      dir,
      openStore: openConfStore,
      onProblem: (p) => problems.push(p),
    });
    expect(store.get()).toEqual(defaultDesktopPrefs);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: prefsFile(), reason: expect.stringMatching(/not valid JSON/) });
    expect(fs.existsSync(problems[0]!.movedTo)).toBe(true);
    expect(fs.readFileSync(problems[0]!.movedTo, 'utf8')).toBe('{ not json');
    expect(store.problems()).toEqual(problems);
  });

  it('damaged fields: the good ones kept, the bad ones reset, the original moved aside and reported', () => {
    writePrefsFile({
      schemaVersion: 1,
      prefs: { shortcut: 'Ctrl+Shift', closeToTray: 'yes', trayPinned: true, notifyWhenHidden: false },
    });
    const problems: StoreProblem[] = [];
    const store = new DesktopPrefsStore({
      dir,
      openStore: openConfStore,
      onProblem: (p) => problems.push(p),
    });
    expect(store.get()).toEqual({ ...defaultDesktopPrefs, trayPinned: true, notifyWhenHidden: false });
    expect(problems[0]?.reason).toMatch(/shortcut, closeToTray/);
    // Rewritten clean, so the next start has nothing to report.
    const again: StoreProblem[] = [];
    new DesktopPrefsStore({ dir, openStore: openConfStore, onProblem: (p) => again.push(p) });
    expect(again).toEqual([]);
  });

  it('parseStoredPrefs: normalises the stored shortcut and ignores unknown fields', () => {
    expect(parseStoredPrefs({ schemaVersion: 1, prefs: { shortcut: 'ctrl+alt+k', future: 1 } })).toEqual({
      prefs: { ...defaultDesktopPrefs, shortcut: 'Ctrl+Alt+K' },
      damaged: [],
    });
    expect(parseStoredPrefs(null).damaged).toEqual(['prefs']);
  });
});

describe('DesktopService without a host (browser host)', () => {
  it('says whether the installed app could start at login on this system (Linux: no)', () => {
    const on = (platform: NodeJS.Platform) =>
      new DesktopService({ dir, openStore: openConfStore, platform }).status().installedAppLoginItem;
    expect([on('darwin'), on('win32'), on('linux')]).toEqual([true, true, false]);
  });

  it('stores and validates, says the features are unavailable, hides no tray window', () => {
    const desktop = service();
    expect(desktop.status()).toEqual({
      available: false,
      reason: NO_DESKTOP_REASON,
      shortcut: { accelerator: DEFAULT_SHORTCUT, registered: false },
      tray: { available: false },
      loginItemSupported: false,
      installedAppLoginItem: process.platform === 'darwin' || process.platform === 'win32',
    });
    const view = desktop.update({ shortcut: 'alt+shift+k', launchAtLogin: true });
    expect(view.prefs).toMatchObject({ shortcut: 'Alt+Shift+K', launchAtLogin: true });
    expect(view.status.shortcut).toEqual({ accelerator: 'Alt+Shift+K', registered: false });
    expect(desktop.hideTrayWindow()).toEqual({ hidden: false });
    expect(userErrorOf(() => desktop.update({ shortcut: 'Shift+Banana' }))).toMatchObject({
      code: 'invalid-input',
      fields: { shortcut: expect.stringMatching(/Banana/) },
    });
  });
});

describe('DesktopService with a host', () => {
  it('registers the saved shortcut at start and applies launch at login', () => {
    writePrefsFile({ schemaVersion: 1, prefs: { shortcut: 'Super+Alt+L', launchAtLogin: true } });
    const host = fakeHost();
    const desktop = service(host);
    expect([...host.held]).toEqual(['Super+Alt+L']);
    expect(host.loginItem).toEqual([true]);
    expect(desktop.status().shortcut).toEqual({ accelerator: 'Super+Alt+L', registered: true });
  });

  it('a shortcut taken at start: kept in the prefs, reported in the status', () => {
    const desktop = service(fakeHost({ taken: [DEFAULT_SHORTCUT] }));
    expect(desktop.prefs().shortcut).toBe(DEFAULT_SHORTCUT);
    expect(desktop.status().shortcut).toMatchObject({
      registered: false,
      problem: expect.stringMatching(/already/),
    });
  });

  it('changes the shortcut: the new one held, the old one released, saved, announced', () => {
    const host = fakeHost();
    const changed: DesktopView[] = [];
    const desktop = service(host, (view) => changed.push(view));
    const view = desktop.update({ shortcut: 'alt+shift+k' });
    expect(view.status.shortcut).toEqual({ accelerator: 'Alt+Shift+K', registered: true });
    expect([...host.held]).toEqual(['Alt+Shift+K']);
    expect(changed).toEqual([view]);
    expect(service(fakeHost()).prefs().shortcut).toBe('Alt+Shift+K');
  });

  it('a taken shortcut: refused at fields.shortcut, nothing saved, the old one still held', () => {
    const host = fakeHost({ taken: ['Alt+Shift+T'] });
    const desktop = service(host);
    const error = userErrorOf(() => desktop.update({ shortcut: 'Alt+Shift+T', trayPinned: true }));
    expect(error).toMatchObject({
      code: 'shortcut-unavailable',
      fields: { shortcut: expect.stringMatching(/already/) },
    });
    expect(error.fix).toMatch(`${DEFAULT_SHORTCUT} stays active`);
    expect([...host.held]).toEqual([DEFAULT_SHORTCUT]);
    expect(desktop.prefs()).toEqual(defaultDesktopPrefs);
    expect(desktop.status().shortcut).toEqual({ accelerator: DEFAULT_SHORTCUT, registered: true });
  });

  it('another spelling of the held combination: retried with the old one released', () => {
    const host = fakeHost({ same: { 'Ctrl+Shift+Space': DEFAULT_SHORTCUT } });
    const desktop = service(host);
    expect(desktop.update({ shortcut: 'Ctrl+Shift+Space' }).status.shortcut).toEqual({
      accelerator: 'Ctrl+Shift+Space',
      registered: true,
    });
    expect(host.log).toEqual([
      `register ${DEFAULT_SHORTCUT}`,
      'register Ctrl+Shift+Space',
      `unregister ${DEFAULT_SHORTCUT}`,
      'register Ctrl+Shift+Space',
    ]);
    expect([...host.held]).toEqual(['Ctrl+Shift+Space']);
  });

  it('a refused retry puts the old shortcut back', () => {
    const host = fakeHost({ taken: ['Alt+Shift+T'] });
    const desktop = service(host);
    desktop.update({ shortcut: 'Alt+Shift+K' });
    expect(() => desktop.update({ shortcut: 'Alt+Shift+T' })).toThrow(AppError);
    expect(host.log.slice(-4)).toEqual([
      'register Alt+Shift+T',
      'unregister Alt+Shift+K',
      'register Alt+Shift+T',
      'register Alt+Shift+K',
    ]);
    expect([...host.held]).toEqual(['Alt+Shift+K']);
  });

  it('the same shortcut again, after it failed at start: tried again', () => {
    const host = fakeHost({ taken: [DEFAULT_SHORTCUT] });
    const desktop = service(host);
    host.taken.clear();
    expect(desktop.update({ shortcut: DEFAULT_SHORTCUT }).status.shortcut.registered).toBe(true);
  });

  it('launch at login: applied when it changes; refused where unsupported', () => {
    const host = fakeHost();
    const desktop = service(host);
    desktop.update({ launchAtLogin: true });
    desktop.update({ trayPinned: true });
    expect(host.loginItem).toEqual([false, true]);
    const unsupported = service(fakeHost({ loginItemSupported: false }));
    expect(userErrorOf(() => unsupported.update({ launchAtLogin: true }))).toMatchObject({
      code: 'not-supported',
      fields: { launchAtLogin: expect.any(String) },
    });
  });

  it('a save that fails: an internal error, and the shortcut goes back to the old one', () => {
    const host = fakeHost();
    let failWrites = false;
    const desktop = new DesktopService({
      dir,
      host,
      openStore: (options) => {
        const inner = openConfStore(options);
        return {
          get path() {
            return inner.path;
          },
          get store() {
            return inner.store;
          },
          set store(value) {
            if (failWrites) throw new Error('ENOSPC: no space left on device');
            inner.store = value;
          },
        };
      },
    });
    failWrites = true;
    expect(userErrorOf(() => desktop.update({ shortcut: 'Alt+Shift+K' }))).toMatchObject({
      code: 'internal',
    });
    expect([...host.held]).toEqual([DEFAULT_SHORTCUT]);
    expect(desktop.status().shortcut).toEqual({ accelerator: DEFAULT_SHORTCUT, registered: true });
  });

  it('tray status comes from the host; close releases the shortcut once', () => {
    const host = fakeHost({ tray: false });
    const desktop = service(host);
    expect(desktop.status().tray).toEqual({ available: false, problem: 'No tray here.' });
    host.showTray();
    expect(desktop.hideTrayWindow()).toEqual({ hidden: true });
    desktop.close();
    desktop.close();
    expect(host.log.filter((l) => l.startsWith('unregister'))).toEqual([`unregister ${DEFAULT_SHORTCUT}`]);
  });
});

describe('desktop routes through the router (createApp)', () => {
  let app: AppHarness | undefined;
  afterEach(async () => {
    await app?.core.close();
    app = undefined;
  });

  it('browser host: desktop.get says unavailable; desktop.update stores; tray.hide hides nothing', async () => {
    app = new AppHarness({ dataDir: dir, backend: { baseUrl: 'http://127.0.0.1:9/v1' } });
    const view = await app.call('desktop.get');
    expect(view.status).toMatchObject({ available: false, reason: NO_DESKTOP_REASON });
    const updated = await app.call('desktop.update', { patch: { closeToTray: false } });
    expect(updated.prefs.closeToTray).toBe(false);
    expect(app.core.desktopPrefs().closeToTray).toBe(false);
    expect(app.events.some((e) => e.name === 'desktop.changed')).toBe(true);
    expect(await app.call('tray.hide')).toEqual({ hidden: false });
    // No other window to show: the page acts on its own, and no command goes out.
    expect(await app.call('window.showMain', { command: 'open-compare', prompt: 'Hi' })).toEqual({
      shown: false,
    });
    expect(app.events.some((e) => e.name === 'app.command')).toBe(false);
  });

  it('an invalid shortcut is refused at fields.shortcut before any handler runs', async () => {
    app = new AppHarness({ dataDir: dir, backend: { baseUrl: 'http://127.0.0.1:9/v1' } });
    const result = await app.invoke('desktop.update', { patch: { shortcut: 'Ctrl+Shift' } });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: { shortcut: expect.stringMatching(/Add a key/) } },
    });
    const unknown = await app.invoke('desktop.update', { patch: { wallpaper: 'x' } } as never);
    expect(unknown.ok).toBe(false);
  });

  it('with a host: a taken shortcut comes back as shortcut-unavailable, the old one kept', async () => {
    const host = fakeHost({ taken: ['Alt+Shift+T'] });
    app = new AppHarness({ dataDir: dir, backend: { baseUrl: 'http://127.0.0.1:9/v1' }, desktop: host });
    const result = await app.invoke('desktop.update', { patch: { shortcut: 'Alt+Shift+T' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'shortcut-unavailable' } });
    expect((await app.call('desktop.get')).status.shortcut).toEqual({
      accelerator: DEFAULT_SHORTCUT,
      registered: true,
    });
    await app.core.close();
    expect(host.held.size).toBe(0);
  });
});
