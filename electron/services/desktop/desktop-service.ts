import { acceleratorProblem, normaliseAccelerator } from '../../../shared/domain/accelerator';
import type { DesktopPatch, DesktopPrefs, DesktopStatus, DesktopView } from '../../../shared/domain/desktop';
import { userError } from '../../../shared/domain/errors';
import type { StoreProblem } from '../../../shared/domain/store-problem';
import { AppError } from '../app-error';
import type { OpenStore } from '../store/kv-store';
import type { DesktopHost } from './desktop-host';
import { DesktopPrefsStore } from './desktop-prefs-store';
import { applyShortcut, registerInitial, type ShortcutState } from './shortcut-apply';

export const NO_DESKTOP_REASON =
  "Desktop features run in the installed app; this browser window can't register shortcuts or show a tray.";

export interface DesktopServiceOptions {
  dir: string;
  openStore: OpenStore;
  host?: DesktopHost;
  /** Every change of preferences or of what the shell could apply. */
  onChanged?: (view: DesktopView) => void;
  onProblem?: (problem: StoreProblem) => void;
  /** The system the installed app would run on (for the browser host's status); `process.platform` by default. */
  platform?: NodeJS.Platform;
}

const invalidShortcut = (problem: string) =>
  new AppError(
    userError('invalid-input', `That shortcut can't be used: ${problem}`, 'Pick another shortcut.', {
      fields: { shortcut: problem },
    }),
  );

const shortcutUnavailable = (accelerator: string, problem: string, kept: ShortcutState) =>
  new AppError(
    userError(
      'shortcut-unavailable',
      `${accelerator} could not be registered: ${problem}`,
      kept.registered
        ? `Pick another shortcut; ${kept.accelerator} stays active.`
        : 'Pick another shortcut, or free this one in the app or system setting that holds it.',
      { fields: { shortcut: problem } },
    ),
  );

const sameShortcut = (a: ShortcutState, b: ShortcutState) =>
  a.accelerator === b.accelerator && a.registered === b.registered && a.problem === b.problem;

/**
 * The desktop preferences and their effect: validated, saved, and applied through the host (global
 * shortcut, login item). Without a host they are only stored, and the status says why.
 */
export class DesktopService {
  readonly #store: DesktopPrefsStore;
  readonly #host: DesktopHost | undefined;
  readonly #onChanged: ((view: DesktopView) => void) | undefined;
  readonly #platform: NodeJS.Platform;
  #shortcut: ShortcutState;
  #closed = false;

  constructor(options: DesktopServiceOptions) {
    this.#host = options.host;
    this.#platform = options.platform ?? process.platform;
    this.#onChanged = options.onChanged;
    this.#store = new DesktopPrefsStore({
      dir: options.dir,
      openStore: options.openStore,
      ...(options.onProblem ? { onProblem: options.onProblem } : {}),
    });
    const prefs = this.#store.get();
    this.#shortcut = { accelerator: prefs.shortcut, registered: false };
    if (this.#host) {
      this.#shortcut = registerInitial(this.#host, prefs.shortcut);
      if (!this.#shortcut.registered)
        console.warn(
          `[desktop] the shortcut ${prefs.shortcut} is not active: ${this.#shortcut.problem ?? ''}`,
        );
      if (this.#host.loginItemSupported) {
        try {
          // The OS setting can drift (the user removed the login item); the saved choice wins.
          this.#host.setLaunchAtLogin(prefs.launchAtLogin);
        } catch (error) {
          console.warn('[desktop] could not apply launch at login:', error);
        }
      }
    }
  }

  /** Damaged desktop files moved aside since start, for `store.problems`. */
  problems(): StoreProblem[] {
    return this.#store.problems();
  }

  prefs(): DesktopPrefs {
    return this.#store.get();
  }

  status(): DesktopStatus {
    const host = this.#host;
    const shortcut: DesktopStatus['shortcut'] = {
      accelerator: this.#shortcut.accelerator,
      registered: this.#shortcut.registered,
      ...(this.#shortcut.problem ? { problem: this.#shortcut.problem } : {}),
    };
    if (!host) {
      return {
        available: false,
        reason: NO_DESKTOP_REASON,
        shortcut,
        tray: { available: false },
        loginItemSupported: false,
        installedAppLoginItem: this.#platform === 'darwin' || this.#platform === 'win32',
      };
    }
    return {
      available: true,
      shortcut,
      tray: host.trayStatus(),
      loginItemSupported: host.loginItemSupported,
    };
  }

  view(): DesktopView {
    return { prefs: this.prefs(), status: this.status() };
  }

  /**
   * Applies and saves a change, all or nothing: an invalid or refused shortcut leaves every
   * preference as it was and the previous shortcut registered.
   */
  update(patch: DesktopPatch): DesktopView {
    const before = this.#store.get();
    const next: DesktopPrefs = { ...before, ...patch };
    if (patch.shortcut !== undefined) {
      const problem = acceleratorProblem(patch.shortcut);
      if (problem) throw invalidShortcut(problem);
      next.shortcut = normaliseAccelerator(patch.shortcut);
    }
    const host = this.#host;
    if (host && patch.launchAtLogin === true && !host.loginItemSupported) {
      const why = "This system doesn't let the app add itself to the programs started at login.";
      throw new AppError(
        userError(
          'not-supported',
          why,
          "Add Local LLM Desk to your desktop's startup applications instead.",
          {
            fields: { launchAtLogin: why },
          },
        ),
      );
    }

    const shortcutBefore = this.#shortcut;
    if (!host) {
      this.#shortcut = { accelerator: next.shortcut, registered: false };
    } else if (
      next.shortcut !== shortcutBefore.accelerator ||
      (patch.shortcut !== undefined && !shortcutBefore.registered)
    ) {
      const change = applyShortcut(host, shortcutBefore, next.shortcut);
      this.#shortcut = change.state;
      if (!change.ok) {
        this.#emitIf(!sameShortcut(this.#shortcut, shortcutBefore));
        throw shortcutUnavailable(next.shortcut, change.problem, change.state);
      }
    }

    try {
      if (host?.loginItemSupported && next.launchAtLogin !== before.launchAtLogin)
        host.setLaunchAtLogin(next.launchAtLogin);
      this.#store.set(next);
    } catch (error) {
      this.#rollBackShortcut(shortcutBefore);
      if (host?.loginItemSupported && next.launchAtLogin !== before.launchAtLogin) {
        try {
          host.setLaunchAtLogin(before.launchAtLogin);
        } catch {
          // Already failing; the error below is the one to show.
        }
      }
      // A refusal by the disk is already worded with the folder and the fix (refusalsWorded).
      if (error instanceof AppError) throw error;
      throw new AppError(
        userError(
          'internal',
          'The desktop settings could not be saved.',
          'Check that the data folder is writable and try again.',
          { detail: error instanceof Error ? error.message : String(error) },
        ),
      );
    }
    const view = this.view();
    this.#onChanged?.(view);
    return view;
  }

  /** Hides the tray window (its Escape key); false where there is none. */
  hideTrayWindow(): { hidden: boolean } {
    return { hidden: this.#host?.hideTrayWindow() ?? false };
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#host && this.#shortcut.registered) this.#host.unregisterShortcut(this.#shortcut.accelerator);
  }

  #rollBackShortcut(previous: ShortcutState): void {
    if (!this.#host || this.#shortcut === previous) return;
    if (previous.registered)
      this.#shortcut = applyShortcut(this.#host, this.#shortcut, previous.accelerator).state;
    else {
      if (this.#shortcut.registered) this.#host.unregisterShortcut(this.#shortcut.accelerator);
      this.#shortcut = previous;
    }
  }

  #emitIf(changed: boolean): void {
    if (changed) this.#onChanged?.(this.view());
  }
}
