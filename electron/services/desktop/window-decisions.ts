/** A window as the decisions below need to see it. */
export interface WindowPresence {
  visible: boolean;
  focused: boolean;
  minimized?: boolean;
}

/** Whether the user is looking at the app: some window of ours is on screen and has focus. */
export function appInView(windows: WindowPresence[]): boolean {
  return windows.some((w) => w.visible && w.focused && !w.minimized);
}

/**
 * A reply that finished while the user looked elsewhere is worth a notification; one they are
 * watching is not. Cancelled and failed replies are not "finished".
 */
export function shouldNotifyReply(input: {
  finished: boolean;
  notifyWhenHidden: boolean;
  windows: WindowPresence[];
}): boolean {
  return input.finished && input.notifyWhenHidden && !appInView(input.windows);
}

/**
 * What closing the main window does. `hide`: the app stays in the tray. `close`: the window goes,
 * the app keeps running (macOS, where the dock reopens it). `quit`: the app ends (elsewhere, even
 * though a hidden tray window would otherwise keep it alive). A real quit always lets windows close.
 */
export function mainWindowCloseAction(input: {
  quitting: boolean;
  closeToTray: boolean;
  trayAvailable: boolean;
  platform: NodeJS.Platform;
}): 'hide' | 'close' | 'quit' {
  if (input.quitting) return 'close';
  if (input.closeToTray && input.trayAvailable) return 'hide';
  return input.platform === 'darwin' ? 'close' : 'quit';
}
