import { clamp, isKnownRect, type Rect, type Size } from './geometry';

/** Space between the tray window and the panel or screen edge it sits against. */
export const TRAY_WINDOW_GAP = 4;

export interface TrayPlacementInput {
  /** The tray icon's bounds; undefined or all zeros where the OS does not say (many Linux desktops). */
  trayBounds: Rect | undefined;
  windowSize: Size;
  /** The work area (screen minus panels) of the display holding the tray, or the one to centre on. */
  workArea: Rect;
  platform: NodeJS.Platform;
}

type Edge = 'top' | 'bottom' | 'left' | 'right';

/**
 * Which panel edge the tray sits on: outside the work area is unambiguous (the panel is not part of
 * it); an auto-hiding panel overlaps the work area, so the nearest edge decides. macOS's menu bar is
 * always at the top.
 */
function trayEdge(tray: Rect, area: Rect, platform: NodeJS.Platform): Edge {
  if (platform === 'darwin') return 'top';
  const cx = tray.x + tray.width / 2;
  const cy = tray.y + tray.height / 2;
  if (cy < area.y) return 'top';
  if (cy >= area.y + area.height) return 'bottom';
  if (cx < area.x) return 'left';
  if (cx >= area.x + area.width) return 'right';
  const distances: [Edge, number][] = [
    ['top', cy - area.y],
    ['bottom', area.y + area.height - cy],
    ['left', cx - area.x],
    ['right', area.x + area.width - cx],
  ];
  distances.sort((a, b) => a[1] - b[1]);
  return distances[0]![0];
}

/**
 * Where the compact tray window goes: against the panel holding the tray, centred on the icon along
 * it, and always inside the work area. Without tray bounds it is centred in the work area.
 */
export function placeTrayWindow({ trayBounds, windowSize, workArea, platform }: TrayPlacementInput): {
  x: number;
  y: number;
} {
  const width = Math.min(windowSize.width, workArea.width);
  const height = Math.min(windowSize.height, workArea.height);
  const minX = workArea.x;
  const maxX = workArea.x + workArea.width - width;
  const minY = workArea.y;
  const maxY = workArea.y + workArea.height - height;
  if (!isKnownRect(trayBounds)) {
    return {
      x: Math.round(workArea.x + (workArea.width - width) / 2),
      y: Math.round(workArea.y + (workArea.height - height) / 2),
    };
  }
  const cx = trayBounds.x + trayBounds.width / 2;
  const cy = trayBounds.y + trayBounds.height / 2;
  let x: number;
  let y: number;
  switch (trayEdge(trayBounds, workArea, platform)) {
    case 'top':
      x = cx - width / 2;
      y = Math.max(workArea.y, trayBounds.y + trayBounds.height) + TRAY_WINDOW_GAP;
      break;
    case 'bottom':
      x = cx - width / 2;
      y = Math.min(workArea.y + workArea.height, trayBounds.y) - height - TRAY_WINDOW_GAP;
      break;
    case 'left':
      x = Math.max(workArea.x, trayBounds.x + trayBounds.width) + TRAY_WINDOW_GAP;
      y = cy - height / 2;
      break;
    case 'right':
      x = Math.min(workArea.x + workArea.width, trayBounds.x) - width - TRAY_WINDOW_GAP;
      y = cy - height / 2;
      break;
  }
  return { x: Math.round(clamp(x, minX, maxX)), y: Math.round(clamp(y, minY, maxY)) };
}
