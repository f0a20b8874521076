/**
 * Electron accelerator strings ("CommandOrControl+Shift+Space"), checked without Electron so the
 * settings form, the router and tests agree on what is valid before anything is registered.
 * Grammar: https://www.electronjs.org/docs/latest/api/accelerator
 */

import { SHORTCUT_MAX } from '../contract/limits';
import { quoted } from './excerpt';

export const shortcutTooLong = 'The shortcut is too long.';

/**
 * Modifiers by lower-case spelling, to their canonical spelling. Synonyms share a group, so
 * "Ctrl+Control+K" counts as a repeat; CommandOrControl overlaps Command and Control.
 */
const modifierGroups: Record<string, string> = {
  command: 'command',
  cmd: 'command',
  control: 'control',
  ctrl: 'control',
  commandorcontrol: 'cmdorctrl',
  cmdorctrl: 'cmdorctrl',
  alt: 'alt',
  option: 'alt',
  altgr: 'altgr',
  shift: 'shift',
  super: 'super',
  meta: 'super',
};

const modifiers = new Map<string, string>(
  [
    'Command',
    'Cmd',
    'Control',
    'Ctrl',
    'CommandOrControl',
    'CmdOrCtrl',
    'Alt',
    'Option',
    'AltGr',
    'Shift',
    'Super',
    'Meta',
  ].map((m) => [m.toLowerCase(), m]),
);

/** Named keys by lower-case spelling (Electron compares case-insensitively), to their canonical spelling. */
const namedKeys = new Map<string, string>(
  [
    'Plus',
    'Space',
    'Tab',
    'Capslock',
    'Numlock',
    'Scrolllock',
    'Backspace',
    'Delete',
    'Insert',
    'Return',
    'Enter',
    'Up',
    'Down',
    'Left',
    'Right',
    'Home',
    'End',
    'PageUp',
    'PageDown',
    'Escape',
    'Esc',
    'VolumeUp',
    'VolumeDown',
    'VolumeMute',
    'MediaNextTrack',
    'MediaPreviousTrack',
    'MediaStop',
    'MediaPlayPause',
    'PrintScreen',
    'num0',
    'num1',
    'num2',
    'num3',
    'num4',
    'num5',
    'num6',
    'num7',
    'num8',
    'num9',
    'numdec',
    'numadd',
    'numsub',
    'nummult',
    'numdiv',
  ].map((k) => [k.toLowerCase(), k]),
);

const singleChars = /^[A-Za-z0-9)!@#$%^&*(:;:<_>?~{|}"',./\\`[\]=-]$/;

function isKey(part: string): boolean {
  if (singleChars.test(part)) return true;
  if (/^F([1-9]|1\d|2[0-4])$/i.test(part)) return true;
  return namedKeys.has(part.toLowerCase());
}

/** Why `accelerator` is not a usable global shortcut, or undefined when it is. */
export function acceleratorProblem(accelerator: string): string | undefined {
  const text = accelerator.trim();
  if (text.length === 0) return 'Enter a shortcut, for example CommandOrControl+Shift+Space.';
  if (text.length > SHORTCUT_MAX) return shortcutTooLong;
  const parts = text.split('+');
  // "Ctrl+Plus" is the way to name the + key; an empty part means a stray "+".
  if (parts.some((p) => p.trim() === '')) return 'Remove the stray "+": name the plus key "Plus".';
  const key = parts.at(-1)!.trim();
  const mods = parts.slice(0, -1).map((p) => p.trim());
  for (const mod of mods) {
    if (!modifiers.has(mod.toLowerCase())) {
      return isKey(mod)
        ? `A shortcut has one key and modifiers before it; ${quoted(mod, 24)} is a key.`
        : `${quoted(mod, 24)} is not a modifier (use CommandOrControl, Alt, Shift or Super).`;
    }
  }
  const groups = mods.map((m) => modifierGroups[m.toLowerCase()] ?? m.toLowerCase());
  if (new Set(groups).size !== groups.length) return 'A modifier is repeated.';
  if (groups.includes('cmdorctrl') && (groups.includes('command') || groups.includes('control')))
    return 'CommandOrControl already means Command on macOS and Control elsewhere; drop the other one.';
  if (modifiers.has(key.toLowerCase())) return 'Add a key after the modifiers, for example Space.';
  if (!isKey(key)) return `${quoted(key, 24)} is not a key Electron knows.`;
  // A bare letter as a global shortcut would swallow typing in every other app.
  const functionKey = /^F([1-9]|1\d|2[0-4])$/i.test(key);
  if (mods.length === 0 && !functionKey)
    return 'Add a modifier (CommandOrControl, Alt or Shift): a bare key would be taken from every app.';
  // Shift or AltGr alone types characters (capitals, "@" on many layouts): every app would lose them.
  if (!functionKey && mods.length > 0 && groups.every((g) => g === 'shift' || g === 'altgr'))
    return 'Add CommandOrControl, Alt or Super: with only Shift or AltGr it would take typed characters from every app.';
  return undefined;
}

/** The canonical spelling (modifiers as Electron names them, key capitalised), for display and storage. */
export function normaliseAccelerator(accelerator: string): string {
  const parts = accelerator
    .trim()
    .split('+')
    .map((p) => p.trim());
  const key = parts.pop() ?? '';
  const mods = parts.map((m) => modifiers.get(m.toLowerCase()) ?? m);
  const canonicalKey =
    key.length === 1
      ? key.toUpperCase()
      : (namedKeys.get(key.toLowerCase()) ?? key.charAt(0).toUpperCase() + key.slice(1));
  return [...mods, canonicalKey].join('+');
}
