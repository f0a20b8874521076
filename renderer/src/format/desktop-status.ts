import type { DesktopStatus } from '../../../shared/domain/desktop';

/** Whether the saved shortcut works, in words: registered, the shell's reason it is not, or why nothing registers here. */
export function shortcutStatusText(status: DesktopStatus): string {
  if (status.shortcut.registered) return 'Registered';
  if (status.shortcut.problem) return `Not registered: ${status.shortcut.problem}`;
  return status.available
    ? 'Not registered.'
    : 'Saved. It is registered when the installed app runs; this browser window cannot.';
}

/** Why "Launch at login" cannot be switched on here, or undefined when it can (or is only stored, as in the browser host). */
export function launchAtLoginUnavailable(status: DesktopStatus): string | undefined {
  if (!status.available || status.loginItemSupported) return undefined;
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
