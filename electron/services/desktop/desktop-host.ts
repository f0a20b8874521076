import type { DesktopStatus } from '../../../shared/domain/desktop';

export type ShortcutAttempt = { ok: true } | { ok: false; problem: string };

/**
 * What the Electron shell does for the desktop feature. The feature (plain Node) decides and stores;
 * the host touches the OS. The browser host passes none: preferences are then kept, not applied.
 */
export interface DesktopHost {
  /** Registers the global shortcut that toggles the tray window. Never throws: a refusal is a problem in words. */
  registerShortcut(accelerator: string): ShortcutAttempt;
  unregisterShortcut(accelerator: string): void;
  /** Whether this platform and build can start the app at login. */
  readonly loginItemSupported: boolean;
  /** May throw when the OS refuses; only called when `loginItemSupported`. */
  setLaunchAtLogin(on: boolean): void;
  /** Whether a tray icon exists, and why not when it does not. */
  trayStatus(): DesktopStatus['tray'];
  /** Hides the tray window; false when there is none or it was hidden already. */
  hideTrayWindow(): boolean;
  /**
   * Shows and focuses the main window (creating it if it was closed) and hides the tray window
   * unless it is pinned; false when it cannot (the app is quitting). `whenLoaded` runs once the
   * main window's page has loaded (at once if it has): a command sent to a page still loading is lost.
   */
  showMainWindow(whenLoaded?: () => void): boolean;
}
