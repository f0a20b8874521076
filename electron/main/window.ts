import { BrowserWindow, type WebContents } from 'electron';
import { RENDERER_ENTRY_URL, preloadPath } from './app-origin';

/** Windows this process created; IPC is answered for these only. */
const ours = new Set<BrowserWindow>();

export function liveWindows(): BrowserWindow[] {
  return [...ours].filter((win) => !win.isDestroyed());
}

/** Whether `contents` is the page of a window we created (not a devtools page, popup or webview). */
export function isOurWebContents(contents: WebContents): boolean {
  return liveWindows().some((win) => win.webContents === contents);
}

export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 480,
    minHeight: 400,
    title: 'Local LLM Desk',
    show: false,
    backgroundColor: '#1e1f22',
    autoHideMenuBar: true,
    webPreferences: {
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
    },
  });
  ours.add(win);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => ours.delete(win));
  void win.loadURL(RENDERER_ENTRY_URL).catch((error: unknown) => {
    console.error(`[window] could not load ${RENDERER_ENTRY_URL}:`, error);
  });
  return win;
}

export function focusWindow(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
