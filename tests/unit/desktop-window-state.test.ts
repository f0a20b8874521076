import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  parseWindowStates,
  restoreBounds,
  type WindowSizeLimits,
} from '../../electron/services/desktop/window-state';
import { WindowStateStore } from '../../electron/services/desktop/window-state-store';
import { openConfStore } from '../../electron/services/store/open-conf-store';

const limits: WindowSizeLimits = { width: 1100, height: 760, minWidth: 480, minHeight: 400 };
const primary = { x: 0, y: 0, width: 1920, height: 1040 };
const secondary = { x: 1920, y: 0, width: 1280, height: 1024 };

describe('restoreBounds', () => {
  it('nothing saved: the default size, centred by the OS', () => {
    expect(restoreBounds(undefined, [primary], limits)).toEqual({
      bounds: { width: 1100, height: 760 },
      maximized: false,
    });
  });

  it('a saved place on a display: kept as it was', () => {
    const saved = { x: 100, y: 80, width: 1000, height: 700, maximized: true };
    expect(restoreBounds(saved, [primary, secondary], limits)).toEqual({
      bounds: { x: 100, y: 80, width: 1000, height: 700 },
      maximized: true,
    });
  });

  it('on the second display: kept there', () => {
    const saved = { x: 2000, y: 100, width: 900, height: 600 };
    expect(restoreBounds(saved, [primary, secondary], limits).bounds).toEqual(saved);
  });

  it('partly off screen: pulled inside the display that shows most of it', () => {
    const saved = { x: 1700, y: 900, width: 1000, height: 700 };
    expect(restoreBounds(saved, [primary], limits).bounds).toEqual({
      x: 1920 - 1000,
      y: 1040 - 700,
      width: 1000,
      height: 700,
    });
  });

  it('off every display (a monitor was unplugged): its size, centred', () => {
    const saved = { x: 2500, y: 200, width: 900, height: 600 };
    expect(restoreBounds(saved, [primary], limits)).toEqual({
      bounds: { width: 900, height: 600 },
      maximized: false,
    });
  });

  it('barely visible (a sliver under 100×50 px) counts as off screen', () => {
    const saved = { x: 1900, y: 100, width: 900, height: 600 };
    expect(restoreBounds(saved, [primary], limits).bounds).toEqual({ width: 900, height: 600 });
  });

  it('bigger than the display now: shrunk to fit; smaller than the minimum: grown', () => {
    expect(restoreBounds({ x: 0, y: 0, width: 4000, height: 3000 }, [primary], limits).bounds).toEqual({
      x: 0,
      y: 0,
      width: 1920,
      height: 1040,
    });
    expect(restoreBounds({ x: 10, y: 10, width: 100, height: 100 }, [primary], limits).bounds).toEqual({
      x: 10,
      y: 10,
      width: 480,
      height: 400,
    });
  });

  it('no displays reported: the default size', () => {
    expect(restoreBounds({ x: 1, y: 1, width: 900, height: 600 }, [], limits).bounds).toEqual({
      width: 1100,
      height: 760,
    });
  });
});

describe('parseWindowStates', () => {
  it('keeps valid entries and names damaged ones', () => {
    const parsed = parseWindowStates({
      schemaVersion: 1,
      windows: {
        main: { x: 'left', y: null, width: -5 },
        tray: { x: 0, y: 0, width: 500, height: 600 },
        other: { x: 1 },
      },
    });
    expect(parsed.states).toEqual({ tray: { x: 0, y: 0, width: 500, height: 600 } });
    expect(parsed.damaged).toEqual(['main']);
  });

  it.each([
    ['not an object', 42],
    ['no windows', { schemaVersion: 1 }],
    ['windows is a list', { windows: [] }],
  ])('%s: nothing kept, the file named as damaged', (_name, data) => {
    expect(parseWindowStates(data)).toEqual({ states: {}, damaged: ['the file'] });
  });

  it('rejects non-integer and absurd numbers', () => {
    const parsed = parseWindowStates({
      windows: {
        main: { x: 1.5, y: 0, width: 800, height: 600 },
        tray: { x: 0, y: 0, width: 1e9, height: 5 },
      },
    });
    expect(parsed.damaged).toEqual(['main', 'tray']);
  });
});

describe('WindowStateStore', () => {
  let dir: string;
  const warnings: string[] = [];
  const open = (debounceMs = 20) =>
    WindowStateStore.open({ dir, openStore: openConfStore, debounceMs, warn: (m) => warnings.push(m) });
  const file = () => path.join(dir, 'window-state.json');

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'window-state-'));
    warnings.length = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes after a pause, once, and reads back', () => {
    vi.useFakeTimers();
    const store = open(500);
    for (let x = 0; x < 30; x++) store.set('main', { x, y: 10, width: 900, height: 700 });
    expect(fs.existsSync(file())).toBe(false);
    vi.advanceTimersByTime(500);
    expect(JSON.parse(fs.readFileSync(file(), 'utf8'))).toEqual({
      schemaVersion: 1,
      windows: { main: { x: 29, y: 10, width: 900, height: 700 } },
    });
    expect(open().get('main')).toEqual({ x: 29, y: 10, width: 900, height: 700 });
  });

  it('close() writes what is pending at once', () => {
    const store = open(60_000);
    store.set('tray', { x: 1, y: 2, width: 420, height: 560 });
    store.close();
    expect(open().get('tray')).toEqual({ x: 1, y: 2, width: 420, height: 560 });
  });

  it('an unparseable file: moved aside, a warning, nothing restored; the app goes on', () => {
    fs.writeFileSync(file(), '{ not json');
    const store = open();
    expect(store.get('main')).toBeUndefined();
    expect(warnings.join('\n')).toMatch(/not valid JSON.*moved to/);
    const names = fs.readdirSync(dir);
    expect(names.some((n) => /^window-state\.corrupt-.*\.json$/.test(n))).toBe(true);
    store.set('main', { x: 0, y: 0, width: 800, height: 600 });
    store.close();
    expect(open().get('main')).toEqual({ x: 0, y: 0, width: 800, height: 600 });
  });

  it('a damaged entry: that window forgets its place, the others keep theirs', () => {
    fs.writeFileSync(
      file(),
      JSON.stringify({
        schemaVersion: 1,
        windows: { main: { x: 'a' }, tray: { x: 0, y: 0, width: 500, height: 600 } },
      }),
    );
    const store = open();
    expect(store.get('main')).toBeUndefined();
    expect(store.get('tray')).toEqual({ x: 0, y: 0, width: 500, height: 600 });
    expect(warnings.join('\n')).toMatch(/damaged saved places \(main\)/);
  });

  it('a write that fails is a warning, not a crash', () => {
    const store = WindowStateStore.open({
      dir,
      openStore: () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
      warn: (m) => warnings.push(m),
    });
    store.set('main', { x: 0, y: 0, width: 800, height: 600 });
    expect(() => store.close()).not.toThrow();
    expect(warnings.join('\n')).toMatch(/EACCES/);
  });
});
