import { globalShortcut } from 'electron';
import type { ShortcutRegistrar } from '../services/desktop/shortcut-apply';

/**
 * The global shortcut through Electron's globalShortcut. `register` answers false when another app
 * or the system holds the combination (and throws on a string it cannot parse): both become a
 * problem in words for the settings page, never a silent no-op.
 */
export function globalShortcutRegistrar(onPress: () => void): ShortcutRegistrar {
  return {
    registerShortcut(accelerator) {
      try {
        if (globalShortcut.register(accelerator, onPress)) return { ok: true };
        return {
          ok: false,
          problem: `${accelerator} is already used by another app or by the system. Pick another shortcut.`,
        };
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return { ok: false, problem: `${accelerator} is not a shortcut this system accepts (${detail}).` };
      }
    },
    unregisterShortcut(accelerator) {
      try {
        globalShortcut.unregister(accelerator);
      } catch (error) {
        console.warn(`[shortcut] could not unregister ${accelerator}:`, error);
      }
    },
  };
}
