import { screen, type BrowserWindow } from 'electron';
import type { WindowKind } from '../../shared/domain/desktop';
import type { Rect } from '../services/desktop/geometry';
import { restoreBounds, type RestoredBounds, type WindowSizeLimits } from '../services/desktop/window-state';
import type { WindowStateStore } from '../services/desktop/window-state-store';

/** Work areas of the displays there are now, the primary first. */
export function workAreas(): Rect[] {
  const primary = screen.getPrimaryDisplay();
  return [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
}

/** Where a window of `kind` opens: its saved place checked against today's displays. */
export function restoredPlace(
  store: WindowStateStore,
  kind: WindowKind,
  limits: WindowSizeLimits,
): RestoredBounds {
  return restoreBounds(store.get(kind), workAreas(), limits);
}

/**
 * Remembers the window's place as it moves and resizes (written after a pause, and when it
 * closes). A maximized window keeps its normal bounds, so un-maximizing next time lands right.
 */
export function rememberPlace(win: BrowserWindow, kind: WindowKind, store: WindowStateStore): void {
  const save = () => {
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    const bounds = win.isMaximized() ? win.getNormalBounds() : win.getBounds();
    store.set(kind, {
      x: Math.round(bounds.x),
      y: Math.round(bounds.y),
      width: Math.round(bounds.width),
      height: Math.round(bounds.height),
      maximized: win.isMaximized(),
    });
  };
  win.on('move', save);
  win.on('resize', save);
  win.on('maximize', save);
  win.on('unmaximize', save);
  win.on('close', () => {
    save();
    store.flush();
  });
}
