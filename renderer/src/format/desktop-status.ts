import type { DesktopStatus } from '../../../shared/domain/desktop';

/**
 * Whether the saved shortcut works, in words: registered, the shell's reason it is not, or why
 * nothing registers here. "Saved" only when `justSaved` (a save of this field resolved): saying it
 * on opening, before anything was saved, misled.
 */
export function shortcutStatusText(status: DesktopStatus, justSaved = false): string {
  if (status.shortcut.registered) return justSaved ? 'Saved and registered' : 'Registered';
  if (status.shortcut.problem) return `Not registered: ${status.shortcut.problem}`;
  if (status.available) return 'Not registered.';
  const applies = 'It is registered when the installed app runs; this browser window cannot.';
  return justSaved ? `Saved. ${applies}` : applies;
}

/**
 * Why "Launch at login" cannot be switched on here, or undefined when it can (or is only stored for
 * the installed app, as in the browser host on macOS and Windows).
 */
export function launchAtLoginUnavailable(status: DesktopStatus): string | undefined {
  if (status.loginItemSupported) return undefined;
  if (!status.available && status.installedAppLoginItem) return undefined;
  if (!status.available)
    return "The installed app can start at login on macOS and Windows only. On this system, add Local LLM Desk to your desktop's startup applications instead.";
  return "This system doesn't let the app add itself to the programs started at login. Add Local LLM Desk to your desktop's startup applications instead.";
}

/** What the desktop section says first: why nothing applies here, or why there is no tray icon. */
export function desktopNotes(status: DesktopStatus): string[] {
  const notes: string[] = [];
  if (!status.available)
    notes.push(
      `${status.reason ?? 'Desktop features are not available here.'} Your choices are saved and take effect in the installed app.`,
    );
  else if (!status.tray.available)
    notes.push(
      status.tray.problem ?? 'There is no tray icon on this desktop; the main window stays reachable.',
    );
  return notes;
}
