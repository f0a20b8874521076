import { z } from 'zod';
import { windowKinds, type WindowKind } from '../../../shared/domain/desktop';
import { clamp, intersection, type Rect, type Size } from './geometry';

/** Where a window was and how big, as saved between runs. */
export const windowStateSchema = z.object({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
  maximized: z.boolean().optional(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

/** Less than this much of a window on some display and it counts as lost (a monitor was unplugged). */
export const MIN_VISIBLE = { width: 100, height: 50 };

export interface WindowSizeLimits {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

export interface RestoredBounds {
  /** No `x`/`y`: let the OS centre the window. */
  bounds: Size & { x?: number; y?: number };
  maximized: boolean;
}

/** Keeps a size within the limits and the work area. */
function fitSize(size: Size, limits: WindowSizeLimits, area: Rect): Size {
  return {
    width: Math.round(clamp(size.width, Math.min(limits.minWidth, area.width), area.width)),
    height: Math.round(clamp(size.height, Math.min(limits.minHeight, area.height), area.height)),
  };
}

/**
 * Where to open a window, from what was saved and the displays there are now. Nothing saved (or a
 * damaged entry, passed as undefined): the default size, centred. A saved window mostly off every
 * display: its size, centred on the primary display. Otherwise its place, pulled fully inside the
 * display that shows most of it.
 */
export function restoreBounds(
  saved: WindowState | undefined,
  workAreas: Rect[],
  limits: WindowSizeLimits,
): RestoredBounds {
  const primary = workAreas[0];
  if (!saved || !primary) {
    const size = primary ? fitSize(limits, limits, primary) : { width: limits.width, height: limits.height };
    return { bounds: size, maximized: false };
  }
  let best: { area: Rect; overlap: number } | undefined;
  for (const area of workAreas) {
    const { width, height } = intersection(saved, area);
    if (width < MIN_VISIBLE.width || height < MIN_VISIBLE.height) continue;
    if (!best || width * height > best.overlap) best = { area, overlap: width * height };
  }
  if (!best) return { bounds: fitSize(saved, limits, primary), maximized: saved.maximized === true };
  const size = fitSize(saved, limits, best.area);
  return {
    bounds: {
      ...size,
      x: Math.round(clamp(saved.x, best.area.x, best.area.x + best.area.width - size.width)),
      y: Math.round(clamp(saved.y, best.area.y, best.area.y + best.area.height - size.height)),
    },
    maximized: saved.maximized === true,
  };
}

/**
 * The saved entries of a window-state document that are valid. A damaged entry is dropped (that
 * window opens at its default place) and named in `damaged`; the others are kept.
 */
export function parseWindowStates(data: unknown): {
  states: Partial<Record<WindowKind, WindowState>>;
  damaged: string[];
} {
  const states: Partial<Record<WindowKind, WindowState>> = {};
  const damaged: string[] = [];
  const windows =
    data && typeof data === 'object' && 'windows' in data
      ? (data as { windows: unknown }).windows
      : undefined;
  if (!windows || typeof windows !== 'object' || Array.isArray(windows)) {
    return { states, damaged: data === undefined ? [] : ['the file'] };
  }
  for (const kind of windowKinds) {
    const entry = (windows as Record<string, unknown>)[kind];
    if (entry === undefined) continue;
    const parsed = windowStateSchema.safeParse(entry);
    if (parsed.success) states[kind] = parsed.data;
    else damaged.push(kind);
  }
  return { states, damaged };
}
