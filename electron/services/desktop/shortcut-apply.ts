import type { ShortcutAttempt } from './desktop-host';

/** The global shortcut as the OS holds it. */
export interface ShortcutState {
  accelerator: string;
  registered: boolean;
  /** Why it is not registered, in words for the user. */
  problem?: string;
}

export interface ShortcutRegistrar {
  registerShortcut(accelerator: string): ShortcutAttempt;
  unregisterShortcut(accelerator: string): void;
}

export type ShortcutChange =
  { ok: true; state: ShortcutState } | { ok: false; problem: string; state: ShortcutState };

/** Registers the shortcut at start. A refusal is kept in the state to be shown, not thrown. */
export function registerInitial(registrar: ShortcutRegistrar, accelerator: string): ShortcutState {
  const attempt = registrar.registerShortcut(accelerator);
  return attempt.ok
    ? { accelerator, registered: true }
    : { accelerator, registered: false, problem: attempt.problem };
}

/**
 * Moves the shortcut from `current` to `next` without ever leaving the user with neither: the new one
 * is registered while the old one is still held, and the old one goes only once the new one works.
 * Two spellings of one key combination ("Ctrl+K" and "CmdOrCtrl+K" on Linux) clash with each other,
 * so a refusal is retried once with the old one released; if that fails too, the old one is put back.
 */
export function applyShortcut(
  registrar: ShortcutRegistrar,
  current: ShortcutState,
  next: string,
): ShortcutChange {
  if (next === current.accelerator && current.registered) return { ok: true, state: current };
  const first = registrar.registerShortcut(next);
  if (first.ok) {
    if (current.registered && current.accelerator !== next) registrar.unregisterShortcut(current.accelerator);
    return { ok: true, state: { accelerator: next, registered: true } };
  }
  if (!current.registered || current.accelerator === next) {
    // Nothing held to make room or to fall back to: report the refusal and keep what was there.
    return {
      ok: false,
      problem: first.problem,
      state: { ...current, registered: false, problem: first.problem },
    };
  }
  registrar.unregisterShortcut(current.accelerator);
  const second = registrar.registerShortcut(next);
  if (second.ok) return { ok: true, state: { accelerator: next, registered: true } };
  const back = registrar.registerShortcut(current.accelerator);
  return {
    ok: false,
    problem: first.problem,
    state: back.ok
      ? { accelerator: current.accelerator, registered: true }
      : { accelerator: current.accelerator, registered: false, problem: back.problem },
  };
}
