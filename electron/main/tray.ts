import { Tray, nativeTheme, type Menu, type Rectangle } from 'electron';
import type { DesktopStatus } from '../../shared/domain/desktop';
import { isKnownRect } from '../services/desktop/geometry';
import { trayIcon } from './tray-icon';

export const NO_TRAY_PROBLEM =
  'This desktop shows no tray icons, so the app keeps its main window open and closing it quits the app. The shortcut still opens the compact chat window.';

export interface TrayHandle {
  status: DesktopStatus['tray'];
  /** Replaces the menu (Linux needs the whole menu set again for any change to show). */
  setMenu(menu: Menu): void;
  /** The icon's place on screen, when the OS tells (macOS, Windows; not most Linux desktops). */
  bounds(): Rectangle | undefined;
  destroy(): void;
}

export interface TrayOptions {
  /** A left click on the icon, with its bounds when known. */
  onClick(bounds: Rectangle | undefined): void;
  platform?: NodeJS.Platform;
}

/**
 * The tray icon, or a status saying why there is none: some Linux desktops have no tray, and the
 * app must then stay reachable through its main window instead of hiding into nothing.
 */
export function createTray({ onClick, platform = process.platform }: TrayOptions): TrayHandle {
  let tray: Tray;
  try {
    tray = new Tray(trayIcon(platform));
  } catch (error) {
    console.warn('[tray] no tray icon:', error instanceof Error ? error.message : error);
    console.warn(`[tray] ${NO_TRAY_PROBLEM}`);
    return {
      status: { available: false, problem: NO_TRAY_PROBLEM },
      setMenu: () => {},
      bounds: () => undefined,
      destroy: () => {},
    };
  }
  tray.setToolTip('Local LLM Desk');
  let menu: Menu | undefined;
  const knownBounds = (candidate: Rectangle | undefined) => (isKnownRect(candidate) ? candidate : undefined);

  tray.on('click', (_event, bounds) => onClick(knownBounds(bounds) ?? knownBounds(safeBounds(tray))));
  // macOS opens a context menu on any click once one is set; it gets the menu on right-click instead.
  if (platform === 'darwin') tray.on('right-click', () => menu && tray.popUpContextMenu(menu));

  const onTheme = () => {
    if (!tray.isDestroyed()) tray.setImage(trayIcon(platform));
  };
  if (platform !== 'darwin') nativeTheme.on('updated', onTheme);

  return {
    status: { available: true },
    setMenu(next) {
      menu = next;
      if (platform !== 'darwin' && !tray.isDestroyed()) tray.setContextMenu(next);
    },
    bounds: () => knownBounds(safeBounds(tray)),
    destroy() {
      nativeTheme.removeListener('updated', onTheme);
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}

function safeBounds(tray: Tray): Rectangle | undefined {
  try {
    return tray.isDestroyed() ? undefined : tray.getBounds();
  } catch {
    return undefined;
  }
}
