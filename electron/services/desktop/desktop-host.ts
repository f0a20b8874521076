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
}
