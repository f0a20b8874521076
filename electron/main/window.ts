import { BrowserWindow, nativeTheme, type BaseWindow, type WebContents, type WebPreferences } from 'electron';
import type { WindowKind } from '../../shared/domain/desktop';
import { RENDERER_ENTRY_URL, preloadPath } from './app-origin';

/** Windows this process created, by kind; IPC is answered for these only. */
const ours = new Map<BrowserWindow, WindowKind>();
/** Windows whose page has finished its first load (commands sent earlier would be lost). */
const loaded = new WeakSet<BrowserWindow>();

export function liveWindows(): BrowserWindow[] {
  return [...ours.keys()].filter((win) => !win.isDestroyed());
}

export function windowOfKind(kind: WindowKind): BrowserWindow | undefined {
  return liveWindows().find((win) => ours.get(win) === kind);
}

/** Which of our windows `win` is (menu clicks hand over a BaseWindow), if it is one. */
export function kindOf(win: BaseWindow | null | undefined): WindowKind | undefined {
  const found = liveWindows().find((candidate) => candidate === win);
  return found ? ours.get(found) : undefined;
}

/** Whether `contents` is the page of a window we created (not a devtools page, popup or webview). */
export function isOurWebContents(contents: WebContents): boolean {
  return liveWindows().some((win) => win.webContents === contents);
}

/**
 * The one set of webPreferences every window of ours gets (Electron's security checklist): isolated,
 * sandboxed, no Node, web security on, no webviews, and only our preload.
 */
export function secureWebPreferences(): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: true,
    preload: preloadPath,
  };
}

/** The page background before the renderer paints, matching its light or dark theme (no flash). */
export const windowBackground = (): string => (nativeTheme.shouldUseDarkColors ? '#1c1d1f' : '#ffffff');

/** The renderer entry; the tray window's page knows itself by `?window=tray`. */
export function rendererUrl(kind: WindowKind): string {
  return kind === 'main' ? RENDERER_ENTRY_URL : `${RENDERER_ENTRY_URL}?window=${kind}`;
}

/** Makes `win` one of ours (IPC answered, events delivered) and loads its page. */
export function adoptWindow(win: BrowserWindow, kind: WindowKind): void {
  ours.set(win, kind);
  win.on('closed', () => ours.delete(win));
  win.webContents.once('did-finish-load', () => loaded.add(win));
  const url = rendererUrl(kind);
  void win.loadURL(url).catch((error: unknown) => {
    console.error(`[window] could not load ${url}:`, error);
  });
}

/** Runs `action` once the window's page has loaded (at once if it has). */
export function afterLoad(win: BrowserWindow, action: () => void): void {
  if (win.isDestroyed()) return;
  if (loaded.has(win)) action();
  else win.webContents.once('did-finish-load', () => action());
}

export interface MainWindowOptions {
  bounds?: { x?: number; y?: number; width: number; height: number };
  maximized?: boolean;
  /** False at a hidden start: the window loads but stays hidden until asked for. */
  show?: boolean;
}

export const MAIN_WINDOW_SIZE = { width: 1100, height: 760, minWidth: 480, minHeight: 400 };

export function createMainWindow(options: MainWindowOptions = {}): BrowserWindow {
  const win = new BrowserWindow({
    width: MAIN_WINDOW_SIZE.width,
    height: MAIN_WINDOW_SIZE.height,
    ...options.bounds,
    minWidth: MAIN_WINDOW_SIZE.minWidth,
    minHeight: MAIN_WINDOW_SIZE.minHeight,
    title: 'Local LLM Desk',
    show: false,
    backgroundColor: windowBackground(),
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(),
  });
  if (options.show !== false) {
    win.once('ready-to-show', () => {
      if (options.maximized) win.maximize();
      win.show();
    });
  } else if (options.maximized) {
    win.once('show', () => win.maximize());
  }
  adoptWindow(win, 'main');
  return win;
}

export function focusWindow(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
