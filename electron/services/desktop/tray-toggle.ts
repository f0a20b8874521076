/**
 * Clicking the tray icon while the tray window has focus first blurs the window (which hides it),
 * then delivers the click: without this grace the click would show it again at once.
 */
export const BLUR_CLICK_GRACE_MS = 300;

export interface TrayToggleInput {
  visible: boolean;
  focused: boolean;
  /** When the window was last hidden because it lost focus (ms), if ever. */
  hiddenOnBlurAt: number | undefined;
  now: number;
  source: 'tray-click' | 'shortcut' | 'menu';
}

/** What a toggle does: a visible, focused window hides; a visible one behind others comes forward. */
export function trayToggleAction({
  visible,
  focused,
  hiddenOnBlurAt,
  now,
  source,
}: TrayToggleInput): 'show' | 'hide' | 'focus' | 'none' {
  if (visible) return focused ? 'hide' : 'focus';
  if (source === 'tray-click' && hiddenOnBlurAt !== undefined && now - hiddenOnBlurAt < BLUR_CLICK_GRACE_MS)
    return 'none';
  return 'show';
}
