import { BrowserWindow, app, screen, type Rectangle } from 'electron';
import type { DesktopPrefs } from '../../shared/domain/desktop';
import { placeTrayWindow } from '../services/desktop/tray-placement';
import { trayToggleAction, type TrayToggleInput } from '../services/desktop/tray-toggle';
import type { WindowStateStore } from '../services/desktop/window-state-store';
import { adoptWindow, liveWindows, secureWebPreferences, windowBackground } from './window';
import { rememberPlace, restoredPlace } from './window-places';

/** Compact: a chat column, not a second main window. */
export const TRAY_WINDOW_SIZE = { width: 420, height: 560, minWidth: 340, minHeight: 380 };

export interface TrayWindowOptions {
  prefs: () => Pick<DesktopPrefs, 'trayPinned'>;
  /** The tray icon's bounds, when known, for toggles that do not come with them (shortcut, menu). */
  trayBounds: () => Rectangle | undefined;
  places: WindowStateStore;
  /** A real quit is under way: closing the window must then really close it. */
  isQuitting: () => boolean;
  /** The window was shown (its page is told to focus the composer). */
  onShown: (win: BrowserWindow) => void;
  platform?: NodeJS.Platform;
  now?: () => number;
}

/**
 * The frameless chat window next to the tray. Created on first use and then kept (hidden, not
 * closed) so it opens instantly; placed against the tray each time; hidden when it loses focus
 * unless pinned. It is one of our windows: same secure preferences, same IPC, same events.
 */
export class TrayWindow {
  readonly #options: TrayWindowOptions;
  #win: BrowserWindow | undefined;
  #ready = false;
  #revealPending = false;
  #hiddenOnBlurAt: number | undefined;

  constructor(options: TrayWindowOptions) {
    this.#options = options;
  }

  get window(): BrowserWindow | undefined {
    return this.#win && !this.#win.isDestroyed() ? this.#win : undefined;
  }

  isVisible(): boolean {
    return this.window?.isVisible() ?? false;
  }

  toggle(source: TrayToggleInput['source'], bounds?: Rectangle): void {
    const win = this.window;
    const action = trayToggleAction({
      visible: (win?.isVisible() ?? false) || this.#revealPending,
      focused: win?.isFocused() ?? false,
      hiddenOnBlurAt: this.#hiddenOnBlurAt,
      now: this.#now(),
      source,
    });
    if (action === 'show') this.show(bounds);
    else if (action === 'hide') this.hide();
    else if (action === 'focus' && win) {
      win.show();
      win.focus();
      this.#options.onShown(win);
    }
  }

  /** Shows the window next to the tray (or centred) and focuses it. */
  show(bounds?: Rectangle): BrowserWindow {
    const win = this.#ensure();
    this.#place(win, bounds ?? this.#options.trayBounds());
    if (this.#ready) this.#reveal(win);
    else this.#revealPending = true;
    return win;
  }

  /** Hides it; false when there was nothing to hide. `handBackFocus: false` when another of our windows takes over. */
  hide({ handBackFocus = true }: { handBackFocus?: boolean } = {}): boolean {
    const win = this.window;
    const pending = this.#revealPending;
    this.#revealPending = false;
    if (!win || !win.isVisible()) return pending;
    win.hide();
    // macOS keeps the app active after its last visible window hides; hand focus back to the app
    // the user came from, as a menu bar popover does.
    if (
      handBackFocus &&
      this.#platform() === 'darwin' &&
      !liveWindows().some((w) => w !== win && w.isVisible())
    )
      app.hide();
    return true;
  }

  destroy(): void {
    const win = this.window;
    this.#win = undefined;
    if (win) win.destroy();
  }

  #ensure(): BrowserWindow {
    const existing = this.window;
    if (existing) return existing;
    const { bounds } = restoredPlace(this.#options.places, 'tray', TRAY_WINDOW_SIZE);
    const win = new BrowserWindow({
      width: bounds.width,
      height: bounds.height,
      minWidth: TRAY_WINDOW_SIZE.minWidth,
      minHeight: TRAY_WINDOW_SIZE.minHeight,
      title: 'Local LLM Desk',
      show: false,
      frame: false,
      resizable: true,
      movable: true,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      alwaysOnTop: true,
      backgroundColor: windowBackground(),
      webPreferences: secureWebPreferences(),
    });
    this.#win = win;
    this.#ready = false;
    if (this.#platform() === 'darwin') win.setVisibleOnAllWorkspaces(true);
    win.once('ready-to-show', () => {
      this.#ready = true;
      if (this.#revealPending) this.#reveal(win);
    });
    win.on('blur', () => this.#onBlur(win));
    // Alt+F4 or Cmd+W on the frameless window: hide it, as the tray's own toggle does.
    win.on('close', (event) => {
      if (this.#options.isQuitting()) return;
      event.preventDefault();
      this.hide();
    });
    win.on('closed', () => {
      if (this.#win === win) this.#win = undefined;
    });
    rememberPlace(win, 'tray', this.#options.places);
    adoptWindow(win, 'tray');
    return win;
  }

  #reveal(win: BrowserWindow): void {
    this.#revealPending = false;
    if (win.isDestroyed()) return;
    win.show();
    win.focus();
    this.#options.onShown(win);
  }

  #place(win: BrowserWindow, trayBounds: Rectangle | undefined): void {
    const display = trayBounds
      ? screen.getDisplayMatching(trayBounds)
      : screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
    const [width = TRAY_WINDOW_SIZE.width, height = TRAY_WINDOW_SIZE.height] = win.getSize();
    const area = display.workArea;
    const size = { width: Math.min(width, area.width), height: Math.min(height, area.height) };
    const { x, y } = placeTrayWindow({
      trayBounds,
      windowSize: size,
      workArea: area,
      platform: this.#platform(),
    });
    win.setBounds({ x, y, ...size });
  }

  #onBlur(win: BrowserWindow): void {
    if (win.isDestroyed() || !win.isVisible() || this.#options.prefs().trayPinned) return;
    // Inspecting the window with DevTools moves focus there; that is not "done with it".
    if (win.webContents.isDevToolsFocused()) return;
    this.#hiddenOnBlurAt = this.#now();
    win.hide();
  }

  #platform(): NodeJS.Platform {
    return this.#options.platform ?? process.platform;
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}
