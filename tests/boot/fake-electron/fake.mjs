// A stand-in for the `electron` module: just enough of Electron's API for the main bundle, the preload,
// electron-store 11 and conf, recording every call so the boot test can check the wiring. It enforces
// the ordering rules real Electron enforces (no windows or protocol handlers before `ready`).
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** JSON-safe copy of call arguments: functions become "[function]", cycles and depth are cut. */
function snapshot(value, depth = 0, seen = new WeakSet()) {
  if (typeof value === 'function') return '[function]';
  if (value === null || typeof value !== 'object') return value === undefined ? '[undefined]' : value;
  if (value instanceof FakeWebContents) return `[webContents ${value.id}]`;
  if (value instanceof FakeBrowserWindow) return `[window ${value.id}]`;
  if (seen.has(value) || depth > 6) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => snapshot(v, depth + 1, seen));
  const out = {};
  for (const [k, v] of Object.entries(value)) out[k] = snapshot(v, depth + 1, seen);
  return out;
}

class FakeWebContents extends EventEmitter {}
class FakeBrowserWindow extends EventEmitter {}

const contentTypes = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/** One display, 1920×1080, with a 40 px taskbar at the bottom (so the work area is 1920×1040). */
const defaultDisplays = [
  {
    id: 1,
    bounds: { x: 0, y: 0, width: 1920, height: 1080 },
    workArea: { x: 0, y: 0, width: 1920, height: 1040 },
    scaleFactor: 1,
  },
];

/**
 * @param {{
 *   reportPath?: string, userData?: string, appPath?: string, name?: string, version?: string,
 *   singleInstanceLock?: boolean, noTray?: boolean, takenShortcuts?: string[], displays?: object[],
 *   platform?: string,
 * }} [options]
 */
export function createFakeElectron(options = {}) {
  const calls = [];
  let seq = 0;
  let ready = false;
  let readyResolve;
  const readyPromise = new Promise((resolve) => (readyResolve = resolve));
  const quitState = { quitting: false, quit: false, exitCode: undefined };
  let quitResolve;
  const quitPromise = new Promise((resolve) => (quitResolve = resolve));

  const record = (api, ...args) => {
    calls.push({ seq: ++seq, api, ready, args: snapshot(args) });
  };

  const paths = new Map();
  const userData = options.userData ?? join(tmpdir(), `fake-electron-${process.pid}`);
  paths.set('userData', userData);
  paths.set('appData', join(userData, '..'));
  paths.set('sessionData', userData);
  paths.set('temp', tmpdir());
  paths.set('home', tmpdir());
  paths.set('logs', join(userData, 'logs'));
  paths.set('exe', process.execPath);

  // ----- app -----
  const loginItem = { openAtLogin: false };
  const app = new EventEmitter();
  const appOn = app.on.bind(app);
  const appOnce = app.once.bind(app);
  Object.assign(app, {
    isPackaged: false,
    name: options.name ?? 'local-llm-desk',
    commandLine: {
      appendSwitch: (...a) => record('app.commandLine.appendSwitch', ...a),
      hasSwitch: () => false,
    },
    on(event, listener) {
      record('app.on', event, listener);
      return appOn(event, listener);
    },
    once(event, listener) {
      record('app.once', event, listener);
      return appOnce(event, listener);
    },
    whenReady() {
      record('app.whenReady');
      return readyPromise;
    },
    isReady: () => ready,
    getPath(name) {
      record('app.getPath', name);
      const value = paths.get(name);
      if (!value) throw new Error(`Failed to get '${name}' path`);
      return value;
    },
    setPath(name, value) {
      record('app.setPath', name, value);
      if (ready && name === 'userData') throw new Error('fake electron: set userData before ready');
      paths.set(name, value);
    },
    getName: () => app.name,
    setName: (name) => (app.name = name),
    getVersion: () => options.version ?? '0.1.0',
    getAppPath: () => options.appPath ?? process.cwd(),
    getLocale: () => 'en-US',
    requestSingleInstanceLock(...a) {
      record('app.requestSingleInstanceLock', ...a);
      return options.singleInstanceLock ?? true;
    },
    hasSingleInstanceLock: () => true,
    releaseSingleInstanceLock: () => record('app.releaseSingleInstanceLock'),
    setAppUserModelId: (id) => record('app.setAppUserModelId', id),
    disableHardwareAcceleration: () => record('app.disableHardwareAcceleration'),
    focus: () => record('app.focus'),
    /** Like Electron: `before-quit` can be prevented; otherwise windows close and `will-quit`, `quit` follow. */
    quit() {
      record('app.quit');
      const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
      app.emit('before-quit', event);
      if (event.defaultPrevented) {
        record('app.quit.prevented');
        return;
      }
      quitState.quitting = true;
      for (const win of [...windows]) win.destroy();
      const willQuit = { defaultPrevented: false, preventDefault: () => (willQuit.defaultPrevented = true) };
      app.emit('will-quit', willQuit);
      if (willQuit.defaultPrevented) return;
      quitState.quit = true;
      app.emit('quit', {}, 0);
      record('app.quit.done');
      quitResolve(0);
    },
    exit(code = 0) {
      record('app.exit', code);
      quitState.exitCode = code;
      void boot.writeReport().finally(() => process.exit(code));
    },
    relaunch: () => record('app.relaunch'),
    setLoginItemSettings(settings) {
      record('app.setLoginItemSettings', settings);
      loginItem.openAtLogin = settings?.openAtLogin === true;
    },
    getLoginItemSettings: () => ({ ...loginItem, wasOpenedAtLogin: false, status: 'not-registered' }),
    hide: () => record('app.hide'),
    show: () => record('app.show'),
    dock: { hide: () => {}, show: async () => {}, setMenu: () => {} },
  });

  // ----- sessions -----
  class FakeSession extends EventEmitter {
    constructor(partition) {
      super();
      this.partition = partition;
      this.permissionRequestHandler = undefined;
      this.permissionCheckHandler = undefined;
      const hooks =
        (kind) =>
        (...a) => {
          record(`session.webRequest.${kind}`, partition, ...a);
          this.webRequestHandlers[kind] = a.at(-1);
        };
      this.webRequestHandlers = {};
      this.webRequest = {
        onBeforeRequest: hooks('onBeforeRequest'),
        onBeforeSendHeaders: hooks('onBeforeSendHeaders'),
        onHeadersReceived: hooks('onHeadersReceived'),
      };
      this.protocol = protocol;
    }
    setPermissionRequestHandler(handler) {
      record('session.setPermissionRequestHandler', this.partition, handler);
      this.permissionRequestHandler = handler;
    }
    setPermissionCheckHandler(handler) {
      record('session.setPermissionCheckHandler', this.partition, handler);
      this.permissionCheckHandler = handler;
    }
    setDevicePermissionHandler(handler) {
      record('session.setDevicePermissionHandler', this.partition, handler);
    }
    setDisplayMediaRequestHandler(handler) {
      record('session.setDisplayMediaRequestHandler', this.partition, handler);
    }
    setSpellCheckerLanguages(langs) {
      record('session.setSpellCheckerLanguages', this.partition, langs);
    }
    setProxy = async (...a) => record('session.setProxy', this.partition, ...a);
    clearCache = async () => {};
  }
  const sessions = new Map();
  const fromPartition = (partition) => {
    if (!ready) throw new Error('fake electron: session used before app is ready');
    if (!sessions.has(partition)) sessions.set(partition, new FakeSession(partition));
    return sessions.get(partition);
  };
  const session = {
    get defaultSession() {
      return fromPartition('');
    },
    fromPartition,
  };

  // ----- webContents and windows -----
  let nextId = 1;
  const allContents = new Set();
  class WebContents extends FakeWebContents {
    constructor(session) {
      super();
      this.id = nextId++;
      this.session = session;
      this.url = '';
      this.destroyed = false;
      this.windowOpenHandler = undefined;
      this.sent = [];
      allContents.add(this);
      const currentUrl = () => this.url;
      this.mainFrame = {
        get url() {
          return currentUrl();
        },
        get origin() {
          try {
            const u = new URL(currentUrl());
            return `${u.protocol}//${u.host}`;
          } catch {
            return '';
          }
        },
        parent: null,
        routingId: this.id,
        processId: 1,
      };
    }
    on(event, listener) {
      record('webContents.on', this.id, event, listener);
      return super.on(event, listener);
    }
    once(event, listener) {
      record('webContents.once', this.id, event, listener);
      return super.once(event, listener);
    }
    setWindowOpenHandler(handler) {
      record('webContents.setWindowOpenHandler', this.id, handler);
      this.windowOpenHandler = handler;
    }
    send(channel, ...args) {
      record('webContents.send', this.id, channel, ...args);
      this.sent.push({ channel, args });
    }
    async loadURL(url) {
      record('webContents.loadURL', this.id, url);
      this.url = url;
      setImmediate(() => this.emit('did-finish-load'));
    }
    async loadFile(file) {
      record('webContents.loadFile', this.id, file);
      this.url = `file://${file}`;
    }
    getURL = () => this.url;
    isDestroyed = () => this.destroyed;
    isLoading = () => false;
    openDevTools = () => record('webContents.openDevTools', this.id);
    closeDevTools = () => {};
    isDevToolsOpened = () => false;
    isDevToolsFocused = () => false;
    setZoomFactor = () => {};
    executeJavaScript = async () => undefined;
    getTitle = () => 'Local LLM Desk';
  }

  const windows = new Set();
  class BrowserWindow extends FakeBrowserWindow {
    static getAllWindows = () => [...windows];
    static getFocusedWindow = () => [...windows].find((w) => w.focused) ?? null;
    static fromWebContents = (contents) => [...windows].find((w) => w.webContents === contents) ?? null;
    static fromId = (id) => [...windows].find((w) => w.id === id) ?? null;

    constructor(windowOptions = {}) {
      super();
      if (!ready) throw new Error('fake electron: cannot create BrowserWindow before app is ready');
      record('BrowserWindow.constructor', windowOptions);
      this.options = windowOptions;
      this.destroyed = false;
      this.visible = false;
      this.minimized = false;
      this.focused = false;
      this.title = windowOptions.title ?? '';
      this.maximized = false;
      this.backgroundColor = windowOptions.backgroundColor;
      const width = windowOptions.width ?? 800;
      const height = windowOptions.height ?? 600;
      // Like Electron: without x and y the window is centred on the primary display.
      const area = displays[0].workArea;
      this.bounds = {
        x: windowOptions.x ?? Math.round(area.x + (area.width - width) / 2),
        y: windowOptions.y ?? Math.round(area.y + (area.height - height) / 2),
        width,
        height,
      };
      const partition = windowOptions.webPreferences?.partition ?? '';
      this.webContents = new WebContents(fromPartition(partition));
      this.id = this.webContents.id;
      windows.add(this);
      app.emit('web-contents-created', {}, this.webContents);
      app.emit('browser-window-created', {}, this);
    }
    on(event, listener) {
      record('BrowserWindow.on', this.id, event, listener);
      return super.on(event, listener);
    }
    once(event, listener) {
      record('BrowserWindow.once', this.id, event, listener);
      return super.once(event, listener);
    }
    async loadURL(url) {
      record('BrowserWindow.loadURL', this.id, url);
      await this.webContents.loadURL(url);
      setImmediate(() => this.emit('ready-to-show'));
    }
    async loadFile(file) {
      record('BrowserWindow.loadFile', this.id, file);
      await this.webContents.loadFile(file);
      setImmediate(() => this.emit('ready-to-show'));
    }
    /** Like Electron: showing a window also focuses it. */
    show() {
      record('BrowserWindow.show', this.id);
      const wasVisible = this.visible;
      this.visible = true;
      if (!wasVisible) this.emit('show');
      this.focus();
    }
    showInactive() {
      record('BrowserWindow.showInactive', this.id);
      const wasVisible = this.visible;
      this.visible = true;
      if (!wasVisible) this.emit('show');
    }
    hide() {
      record('BrowserWindow.hide', this.id);
      const wasVisible = this.visible;
      this.visible = false;
      if (this.focused) this.blur();
      if (wasVisible) this.emit('hide');
    }
    /** Focus moves: the window that had it is blurred first, as the OS does. */
    focus() {
      record('BrowserWindow.focus', this.id);
      if (this.focused || this.destroyed) return;
      for (const other of windows) if (other !== this && other.focused) other.blur();
      this.focused = true;
      this.emit('focus');
    }
    /** What the OS does when the user clicks elsewhere. */
    blur() {
      record('BrowserWindow.blur', this.id);
      if (!this.focused) return;
      this.focused = false;
      this.emit('blur');
    }
    restore() {
      record('BrowserWindow.restore', this.id);
      this.minimized = false;
    }
    minimize() {
      this.minimized = true;
    }
    maximize() {
      record('BrowserWindow.maximize', this.id);
      this.maximized = true;
      this.emit('maximize');
    }
    unmaximize() {
      this.maximized = false;
      this.emit('unmaximize');
    }
    isMaximized = () => this.maximized;
    isFullScreen = () => false;
    isMinimized = () => this.minimized;
    isVisible = () => this.visible;
    isFocused = () => this.focused;
    isDestroyed = () => this.destroyed;
    setTitle = (title) => (this.title = title);
    getTitle = () => this.title;
    setMenu = (menu) => record('BrowserWindow.setMenu', this.id, menu);
    removeMenu = () => record('BrowserWindow.removeMenu', this.id);
    setMenuBarVisibility = (v) => record('BrowserWindow.setMenuBarVisibility', this.id, v);
    setAutoHideMenuBar = (v) => record('BrowserWindow.setAutoHideMenuBar', this.id, v);
    setBackgroundColor = (color) => {
      record('BrowserWindow.setBackgroundColor', this.id, color);
      this.backgroundColor = color;
    };
    setVisibleOnAllWorkspaces = (...a) => record('BrowserWindow.setVisibleOnAllWorkspaces', this.id, ...a);
    setAlwaysOnTop = (...a) => record('BrowserWindow.setAlwaysOnTop', this.id, ...a);
    /** Moves and resizes like the OS: `move` and `resize` follow when something changed. */
    setBounds(bounds) {
      record('BrowserWindow.setBounds', this.id, bounds);
      const next = { ...this.bounds, ...bounds };
      const moved = next.x !== this.bounds.x || next.y !== this.bounds.y;
      const resized = next.width !== this.bounds.width || next.height !== this.bounds.height;
      this.bounds = next;
      if (moved) this.emit('move');
      if (resized) this.emit('resize');
    }
    setPosition = (x, y) => this.setBounds({ x, y });
    setSize = (width, height) => this.setBounds({ width, height });
    getBounds = () => ({ ...this.bounds });
    getNormalBounds = () => ({ ...this.bounds });
    getPosition = () => [this.bounds.x, this.bounds.y];
    getSize = () => [this.bounds.width, this.bounds.height];
    center = () => {};
    close() {
      record('BrowserWindow.close', this.id);
      const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
      this.emit('close', event);
      if (!event.defaultPrevented) this.destroy();
    }
    destroy() {
      if (this.destroyed) return;
      this.destroyed = true;
      this.webContents.destroyed = true;
      windows.delete(this);
      this.emit('closed');
      if (windows.size === 0 && !quitState.quitting) app.emit('window-all-closed');
    }
  }

  // ----- ipcMain -----
  const ipcMain = new EventEmitter();
  const ipcMainOn = ipcMain.on.bind(ipcMain);
  const handlers = new Map();
  Object.assign(ipcMain, {
    handlers,
    on(channel, listener) {
      record('ipcMain.on', channel, listener);
      return ipcMainOn(channel, listener);
    },
    handle(channel, handler) {
      record('ipcMain.handle', channel, handler);
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    },
    handleOnce(channel, handler) {
      record('ipcMain.handleOnce', channel, handler);
      handlers.set(channel, handler);
    },
    removeHandler(channel) {
      record('ipcMain.removeHandler', channel);
      handlers.delete(channel);
    },
  });

  // ----- protocol and net -----
  const protocolHandlers = new Map();
  const protocol = {
    handlers: protocolHandlers,
    registerSchemesAsPrivileged(schemes) {
      record('protocol.registerSchemesAsPrivileged', schemes);
      if (ready) throw new Error('fake electron: registerSchemesAsPrivileged must be called before ready');
    },
    handle(scheme, handler) {
      record('protocol.handle', scheme, handler);
      if (!ready) throw new Error('fake electron: protocol.handle before app is ready');
      if (protocolHandlers.has(scheme)) throw new Error(`scheme ${scheme} already handled`);
      protocolHandlers.set(scheme, handler);
    },
    unhandle(scheme) {
      record('protocol.unhandle', scheme);
      protocolHandlers.delete(scheme);
    },
    isProtocolHandled: (scheme) => protocolHandlers.has(scheme),
  };

  const net = {
    /** Serves file: URLs from disk like Electron's net.fetch; anything else is refused here. */
    async fetch(input, init) {
      const url = typeof input === 'string' ? input : input.url;
      record('net.fetch', url, init);
      if (!ready) throw new Error('fake electron: net.fetch before app is ready');
      if (!url.startsWith('file:'))
        throw new Error(`fake electron: net.fetch only serves file: URLs, not ${url}`);
      const path = fileURLToPath(url);
      const body = await readFile(path); // Rejects for a missing file, as net::ERR_FILE_NOT_FOUND does.
      return new Response(body, {
        status: 200,
        headers: { 'content-type': contentTypes[extname(path)] ?? 'application/octet-stream' },
      });
    },
    isOnline: () => true,
  };

  // ----- the rest of the shell's surface -----
  const shell = {
    openExternal: async (url, opts) => record('shell.openExternal', url, opts),
    openPath: async (path) => {
      record('shell.openPath', path);
      return '';
    },
    showItemInFolder: (path) => record('shell.showItemInFolder', path),
  };
  const dialog = {
    showErrorBox: (title, content) => record('dialog.showErrorBox', title, content),
    showMessageBox: async (...a) => {
      record('dialog.showMessageBox', ...a);
      return { response: 0, checkboxChecked: false };
    },
  };
  /** A built menu: the template's items (clicks included), looked up by id like Electron's. */
  class FakeMenu {
    constructor(template) {
      this.items = template;
    }
    getMenuItemById(id) {
      const find = (items) => {
        for (const item of items ?? []) {
          if (item.id === id) return item;
          const inner = find(item.submenu?.items ?? item.submenu);
          if (inner) return inner;
        }
        return null;
      };
      return find(this.items);
    }
    popup() {}
  }
  let applicationMenu = null;
  const Menu = {
    setApplicationMenu: (menu) => {
      record('Menu.setApplicationMenu', menu);
      applicationMenu = menu;
    },
    getApplicationMenu: () => applicationMenu,
    buildFromTemplate: (template) => {
      record('Menu.buildFromTemplate', template);
      return new FakeMenu(template);
    },
  };
  class MenuItem {
    constructor(itemOptions = {}) {
      Object.assign(this, itemOptions);
    }
  }
  let themeSource = 'system';
  const nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: false });
  Object.defineProperty(nativeTheme, 'themeSource', {
    get: () => themeSource,
    set: (value) => {
      record('nativeTheme.themeSource', value);
      themeSource = value;
    },
  });
  const safeStorage = {
    isEncryptionAvailable: () => true,
    isAsyncEncryptionAvailable: async () => true,
    getSelectedStorageBackend: () => 'basic_text',
    encryptString: (text) => Buffer.from(`fake:${text}`),
    decryptString: (buffer) =>
      Buffer.from(buffer)
        .toString()
        .replace(/^fake:/, ''),
    encryptStringAsync: async (text) => Buffer.from(`fake:${text}`),
    decryptStringAsync: async (buffer) => ({
      result: Buffer.from(buffer)
        .toString()
        .replace(/^fake:/, ''),
      shouldReEncrypt: false,
    }),
  };
  // Global shortcuts: a combination in `takenShortcuts` belongs to "another app" and is refused, as
  // Electron's register() refuses one the OS will not give (it answers false, it does not throw).
  const takenShortcuts = new Set(options.takenShortcuts ?? []);
  const shortcuts = new Map();
  const globalShortcut = {
    register: (accelerator, callback) => {
      record('globalShortcut.register', accelerator, callback);
      if (takenShortcuts.has(accelerator) || shortcuts.has(accelerator)) return false;
      shortcuts.set(accelerator, callback);
      return true;
    },
    unregister: (accelerator) => {
      record('globalShortcut.unregister', accelerator);
      shortcuts.delete(accelerator);
    },
    unregisterAll: () => {
      record('globalShortcut.unregisterAll');
      shortcuts.clear();
    },
    isRegistered: (accelerator) => shortcuts.has(accelerator),
  };
  const nativeImage = {
    // Like Electron: a missing file gives an empty image, not an error.
    createFromPath: (path) => {
      record('nativeImage.createFromPath', path);
      let template = false;
      return {
        path,
        isEmpty: () => !existsSync(path),
        setTemplateImage: (value) => {
          record('nativeImage.setTemplateImage', path, value);
          template = value;
        },
        isTemplateImage: () => template,
        resize: () => ({}),
      };
    },
    createEmpty: () => {
      record('nativeImage.createEmpty');
      return { path: '', isEmpty: () => true, setTemplateImage: () => {}, isTemplateImage: () => false };
    },
  };
  const trays = [];
  class Tray extends EventEmitter {
    constructor(image) {
      super();
      record('Tray.constructor', image);
      // Some Linux desktops have no status area; Electron then fails to create the tray.
      if (options.noTray) throw new Error('fake electron: this desktop has no system tray');
      this.image = image;
      this.menu = null;
      this.destroyed = false;
      trays.push(this);
    }
    setToolTip = (t) => record('Tray.setToolTip', t);
    setImage = (image) => {
      record('Tray.setImage', image);
      this.image = image;
    };
    setContextMenu = (m) => {
      record('Tray.setContextMenu', m);
      this.menu = m;
    };
    popUpContextMenu = (m) => record('Tray.popUpContextMenu', m);
    /** Where the icon is; tests set `__boot.trayBounds` (all zeros, as on many Linux desktops, by default). */
    getBounds = () => ({ ...boot.trayBounds });
    isDestroyed = () => this.destroyed;
    destroy = () => {
      record('Tray.destroy');
      this.destroyed = true;
    };
  }
  const clipboard = { writeText: (t) => record('clipboard.writeText', t), readText: () => '' };
  const displays = (options.displays ?? defaultDisplays).map((d) => ({
    ...d,
    size: { width: d.bounds.width, height: d.bounds.height },
    workAreaSize: { width: d.workArea.width, height: d.workArea.height },
  }));
  const overlap = (a, b) =>
    Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
    Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  const distance = (point, r) =>
    Math.hypot(
      Math.max(r.x - point.x, 0, point.x - (r.x + r.width)),
      Math.max(r.y - point.y, 0, point.y - (r.y + r.height)),
    );
  const screenReady = (name) => {
    if (!ready) throw new Error(`fake electron: screen.${name} before app is ready`);
  };
  const screen = {
    getPrimaryDisplay: () => (screenReady('getPrimaryDisplay'), displays[0]),
    getAllDisplays: () => (screenReady('getAllDisplays'), [...displays]),
    getDisplayMatching: (rect) => {
      screenReady('getDisplayMatching');
      record('screen.getDisplayMatching', rect);
      return [...displays].sort((a, b) => overlap(rect, b.bounds) - overlap(rect, a.bounds))[0];
    },
    getDisplayNearestPoint: (point) => {
      screenReady('getDisplayNearestPoint');
      record('screen.getDisplayNearestPoint', point);
      return [...displays].sort((a, b) => distance(point, a.bounds) - distance(point, b.bounds))[0];
    },
    getCursorScreenPoint: () => ({ ...boot.cursor }),
  };
  const notifications = [];
  class Notification extends EventEmitter {
    static isSupported = () => true;
    constructor(notificationOptions = {}) {
      super();
      record('Notification.constructor', notificationOptions);
      this.options = notificationOptions;
    }
    show() {
      record('Notification.show', this.options);
      notifications.push(this);
    }
    close() {}
  }

  // ----- renderer-side modules (for the preload) -----
  const exposed = new Map();
  const contextBridge = {
    exposed,
    exposeInMainWorld(key, api) {
      record('contextBridge.exposeInMainWorld', key, api);
      if (exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
      exposed.set(key, api);
    },
  };
  const ipcRenderer = new EventEmitter();
  const ipcRendererOn = ipcRenderer.on.bind(ipcRenderer);
  const ipcRendererRemove = ipcRenderer.removeListener.bind(ipcRenderer);
  Object.assign(ipcRenderer, {
    /** What `invoke` answers; a test may replace it. */
    respond: async (channel) => ({ ok: true, value: { channel } }),
    invoke(channel, ...args) {
      record('ipcRenderer.invoke', channel, ...args);
      return ipcRenderer.respond(channel, ...args);
    },
    send: (channel, ...args) => record('ipcRenderer.send', channel, ...args),
    sendSync: (channel, ...args) => record('ipcRenderer.sendSync', channel, ...args),
    on(channel, listener) {
      record('ipcRenderer.on', channel, listener);
      return ipcRendererOn(channel, listener);
    },
    removeListener(channel, listener) {
      record('ipcRenderer.removeListener', channel, listener);
      return ipcRendererRemove(channel, listener);
    },
  });
  ipcRenderer.off = ipcRenderer.removeListener;

  // ----- test hooks -----
  const boot = {
    calls,
    windows,
    trays,
    notifications,
    takenShortcuts,
    /** The tray icon's bounds as the OS reports them. */
    trayBounds: { x: 0, y: 0, width: 0, height: 0 },
    cursor: { x: 960, y: 540 },
    /** Presses a registered global shortcut; false when nothing holds it. */
    pressShortcut(accelerator) {
      const callback = shortcuts.get(accelerator);
      if (!callback) return false;
      callback();
      return true;
    },
    get applicationMenu() {
      return applicationMenu;
    },
    allContents,
    quitState,
    quitted: quitPromise,
    /** Makes the app ready: emits `will-finish-launching` and `ready`, then resolves `whenReady()`. */
    async start() {
      if (ready) return;
      app.emit('will-finish-launching');
      ready = true;
      record('fake.ready');
      app.emit('ready', {}, {});
      readyResolve();
      // Let the whenReady continuations (and what they start) run.
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    },
    /** Writes the recorded calls (plus `extra`) to the report file named by the options. */
    async writeReport(extra = {}) {
      if (!options.reportPath) return;
      const report = {
        calls,
        quit: { ...quitState },
        windows: [...windows].map((w) => ({
          id: w.id,
          options: snapshot(w.options),
          url: w.webContents.url,
        })),
        ...extra,
      };
      await writeFile(options.reportPath, JSON.stringify(report, null, 2));
    },
  };

  return {
    app,
    BrowserWindow,
    BaseWindow: BrowserWindow,
    WebContents,
    ipcMain,
    protocol,
    net,
    session,
    shell,
    dialog,
    Menu,
    MenuItem,
    Notification,
    nativeTheme,
    safeStorage,
    globalShortcut,
    nativeImage,
    Tray,
    clipboard,
    screen,
    contextBridge,
    ipcRenderer,
    webFrame: { setZoomFactor: () => {} },
    __boot: boot,
  };
}
