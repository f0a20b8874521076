import { describe, expect, it } from 'vitest';
import { acceleratorProblem, normaliseAccelerator } from '../../shared/domain/accelerator';
import { DEFAULT_SHORTCUT, desktopPatchSchema } from '../../shared/domain/desktop';

describe('acceleratorProblem', () => {
  it.each([
    DEFAULT_SHORTCUT,
    'CmdOrCtrl+Shift+K',
    'ctrl+alt+space',
    'Alt+Space',
    'Super+Alt+L',
    'Control+Plus',
    'CommandOrControl+Shift+;',
    'Alt+num0',
    'Shift+F3',
    'F12',
    'Ctrl+PageUp',
    ' Ctrl + K ',
  ])('accepts %j', (accelerator) => {
    expect(acceleratorProblem(accelerator)).toBeUndefined();
  });

  it.each([
    ['', /Enter a shortcut/],
    ['   ', /Enter a shortcut/],
    ['Ctrl++', /stray "\+"/],
    ['Ctrl+Shift', /Add a key/],
    ['Shift+Banana', /"Banana" is not a key/],
    ['Ctrl+F25', /"F25" is not a key/],
    ['Ctrl+é', /"é" is not a key/],
    ['K+Ctrl', /"K" is a key/],
    ['Hyper+K', /"Hyper" is not a modifier/],
    ['A', /bare key/],
    ['Space', /bare key/],
    ['Ctrl+Ctrl+K', /repeated/],
    // Synonyms are the same modifier.
    ['Ctrl+Control+K', /repeated/],
    ['Alt+Option+K', /repeated/],
    ['Super+Meta+K', /repeated/],
    ['CmdOrCtrl+Ctrl+K', /already means/],
    // Shift or AltGr alone would steal typed characters from every app.
    ['Shift+A', /typed characters/],
    ['AltGr+Q', /typed characters/],
    ['Shift+AltGr+Q', /typed characters/],
    ['x'.repeat(101), /too long/],
  ])('rejects %j', (accelerator, reason) => {
    expect(acceleratorProblem(accelerator)).toMatch(reason);
  });
});

describe('normaliseAccelerator', () => {
  it.each([
    ['ctrl+shift+space', 'Ctrl+Shift+Space'],
    ['commandorcontrol+shift+space', 'CommandOrControl+Shift+Space'],
    ['CmdOrCtrl+pageup', 'CmdOrCtrl+PageUp'],
    ['alt+NUM0', 'Alt+num0'],
    ['alt+shift+k', 'Alt+Shift+K'],
    ['ctrl+f12', 'Ctrl+F12'],
    [' Ctrl + esc ', 'Ctrl+Esc'],
    ['super+mediaplaypause', 'Super+MediaPlayPause'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseAccelerator(input)).toBe(expected);
    expect(acceleratorProblem(normaliseAccelerator(input))).toBeUndefined();
  });
});

describe('desktopPatchSchema', () => {
  it('checks the shortcut with acceleratorProblem and refuses unknown fields', () => {
    expect(desktopPatchSchema.safeParse({ shortcut: 'Ctrl+Shift' }).success).toBe(false);
    expect(desktopPatchSchema.safeParse({ shortcut: 'Alt+Shift+K', trayPinned: true }).success).toBe(true);
    expect(desktopPatchSchema.safeParse({ tray: true }).success).toBe(false);
  });
});
