import { z } from 'zod';
import { SHORTCUT_MAX } from '../contract/limits';
import { acceleratorProblem, shortcutTooLong } from './accelerator';

/** The global shortcut that toggles the tray chat window unless the user picks another. */
export const DEFAULT_SHORTCUT = 'CommandOrControl+Shift+Space';

/** Which window a renderer page is: the full main window or the compact tray window. */
export const windowKinds = ['main', 'tray'] as const;
export type WindowKind = (typeof windowKinds)[number];

const shortcut = z
  .string()
  .max(SHORTCUT_MAX, shortcutTooLong)
  .superRefine((value, ctx) => {
    const problem = acceleratorProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The desktop preferences the user sets (stored in main; the browser host stores but cannot apply them). */
export const desktopPrefsSchema = z.object({
  /** Toggles the tray window from anywhere. */
  shortcut,
  /** Closing the main window keeps the app in the tray instead of quitting. */
  closeToTray: z.boolean(),
  launchAtLogin: z.boolean(),
  /** At launch show only the tray (used with launch at login). */
  startHidden: z.boolean(),
  /** A notification when a reply finishes while no app window is visible and focused. */
  notifyWhenHidden: z.boolean(),
  /** The tray window stays open when it loses focus. */
  trayPinned: z.boolean(),
});
export type DesktopPrefs = z.infer<typeof desktopPrefsSchema>;

export const desktopPatchSchema = desktopPrefsSchema.partial().strict();
export type DesktopPatch = z.infer<typeof desktopPatchSchema>;

export const defaultDesktopPrefs: DesktopPrefs = {
  shortcut: DEFAULT_SHORTCUT,
  closeToTray: true,
  launchAtLogin: false,
  startHidden: false,
  notifyWhenHidden: true,
  trayPinned: false,
};

/** What the desktop shell could actually do with the preferences, so settings can say so. */
export interface DesktopStatus {
  /** False where no desktop shell runs (the browser host): preferences are kept but not applied. */
  available: boolean;
  /** Why the desktop features are unavailable, when they are. */
  reason?: string;
  shortcut: {
    accelerator: string;
    registered: boolean;
    /** Why it is not registered (taken by another app, invalid), in words for the user. */
    problem?: string;
  };
  tray: {
    available: boolean;
    /** E.g. a Linux desktop without a status area: the main window stays reachable instead. */
    problem?: string;
  };
  /** Whether this platform lets the app start at login. */
  loginItemSupported: boolean;
  /**
   * Where no shell runs (the browser host): whether the installed app could start at login on this
   * computer's system (macOS, Windows). False on Linux, where the switch is greyed out with the reason.
   */
  installedAppLoginItem?: boolean;
}

export interface DesktopView {
  prefs: DesktopPrefs;
  status: DesktopStatus;
}

/** Something the desktop shell asks a window's page to do (from the tray menu, app menu or shortcut). */
export const appCommands = [
  'new-chat',
  'open-settings',
  'open-chat',
  'focus-composer',
  'open-compare',
  'open-tasks',
] as const;
export type AppCommandName = (typeof appCommands)[number];
export interface AppCommand {
  command: AppCommandName;
  /** The window that should act; the other ignores it. */
  target: WindowKind;
  /** `open-chat`: the conversation to show (a notification was clicked, or the tray window handed it over). */
  conversationId?: string;
  /** `open-settings`: the profile to show (the tray window's "Open profile settings"). */
  profileId?: string;
  /** `open-compare`: the prompt to fill in (the tray window's "Compare this prompt…"). */
  prompt?: string;
}

/** What the tray window may hand over to the main window (`window.showMain`). */
export const mainWindowCommands = [
  'open-chat',
  'open-settings',
  'open-compare',
  'open-tasks',
] as const satisfies readonly AppCommandName[];
export type MainWindowCommand = (typeof mainWindowCommands)[number];
