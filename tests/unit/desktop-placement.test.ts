import { describe, expect, it } from 'vitest';
import { TRAY_WINDOW_GAP, placeTrayWindow } from '../../electron/services/desktop/tray-placement';
import { BLUR_CLICK_GRACE_MS, trayToggleAction } from '../../electron/services/desktop/tray-toggle';

const size = { width: 420, height: 560 };
const gap = TRAY_WINDOW_GAP;

describe('placeTrayWindow', () => {
  it('macOS: under the menu bar, centred on the icon', () => {
    const workArea = { x: 0, y: 25, width: 1440, height: 875 };
    const trayBounds = { x: 1200, y: 0, width: 22, height: 24 };
    expect(placeTrayWindow({ trayBounds, windowSize: size, workArea, platform: 'darwin' })).toEqual({
      x: 1211 - 210,
      y: 25 + gap,
    });
  });

  it('Windows taskbar at the bottom: above it, centred on the icon', () => {
    const workArea = { x: 0, y: 0, width: 1920, height: 1040 };
    const trayBounds = { x: 1500, y: 1048, width: 24, height: 24 };
    expect(placeTrayWindow({ trayBounds, windowSize: size, workArea, platform: 'win32' })).toEqual({
      x: 1512 - 210,
      y: 1040 - 560 - gap,
    });
  });

  it('an icon near the screen corner: pulled back inside the work area', () => {
    const workArea = { x: 0, y: 0, width: 1920, height: 1040 };
    const trayBounds = { x: 1890, y: 1048, width: 24, height: 24 };
    expect(placeTrayWindow({ trayBounds, windowSize: size, workArea, platform: 'win32' })).toEqual({
      x: 1920 - 420,
      y: 1040 - 560 - gap,
    });
  });

  it('taskbar on the left or right: beside it, centred vertically on the icon', () => {
    const left = { x: 60, y: 0, width: 1860, height: 1080 };
    expect(
      placeTrayWindow({
        trayBounds: { x: 18, y: 900, width: 24, height: 24 },
        windowSize: size,
        workArea: left,
        platform: 'win32',
      }),
    ).toEqual({ x: 60 + gap, y: 1080 - 560 });
    const right = { x: 0, y: 0, width: 1860, height: 1080 };
    expect(
      placeTrayWindow({
        trayBounds: { x: 1878, y: 400, width: 24, height: 24 },
        windowSize: size,
        workArea: right,
        platform: 'win32',
      }),
    ).toEqual({ x: 1860 - 420 - gap, y: 412 - 280 });
  });

  it('a Linux panel at the top: below it', () => {
    const workArea = { x: 0, y: 32, width: 1920, height: 1048 };
    expect(
      placeTrayWindow({
        trayBounds: { x: 1600, y: 4, width: 24, height: 24 },
        windowSize: size,
        workArea,
        platform: 'linux',
      }),
    ).toEqual({ x: 1612 - 210, y: 32 + gap });
  });

  it('an auto-hiding taskbar (icon inside the work area): against the nearest edge', () => {
    const workArea = { x: 0, y: 0, width: 1920, height: 1080 };
    expect(
      placeTrayWindow({
        trayBounds: { x: 1500, y: 1050, width: 24, height: 24 },
        windowSize: size,
        workArea,
        platform: 'win32',
      }),
    ).toEqual({ x: 1512 - 210, y: 1050 - 560 - gap });
  });

  it.each([
    ['unknown', undefined],
    ['all zeros (Linux)', { x: 0, y: 0, width: 0, height: 0 }],
    ['not finite', { x: Number.NaN, y: 0, width: 24, height: 24 }],
  ])('tray bounds %s: centred in the work area', (_name, trayBounds) => {
    const workArea = { x: 1920, y: 0, width: 2560, height: 1400 };
    expect(placeTrayWindow({ trayBounds, windowSize: size, workArea, platform: 'linux' })).toEqual({
      x: 1920 + (2560 - 420) / 2,
      y: (1400 - 560) / 2,
    });
  });

  it('a window taller than the work area starts at its top', () => {
    const workArea = { x: 0, y: 0, width: 1024, height: 500 };
    const placed = placeTrayWindow({
      trayBounds: { x: 1000, y: 510, width: 20, height: 20 },
      windowSize: size,
      workArea,
      platform: 'win32',
    });
    expect(placed.y).toBe(0);
  });
});

describe('trayToggleAction', () => {
  const base = { visible: false, focused: false, hiddenOnBlurAt: undefined, now: 10_000 } as const;

  it('shows a hidden window, hides a focused one, brings a visible unfocused one forward', () => {
    expect(trayToggleAction({ ...base, source: 'shortcut' })).toBe('show');
    expect(trayToggleAction({ ...base, visible: true, focused: true, source: 'tray-click' })).toBe('hide');
    expect(trayToggleAction({ ...base, visible: true, focused: false, source: 'shortcut' })).toBe('focus');
  });

  it('ignores the tray click that just blurred (and so hid) the window', () => {
    const justHidden = { ...base, hiddenOnBlurAt: base.now - 50 };
    expect(trayToggleAction({ ...justHidden, source: 'tray-click' })).toBe('none');
    expect(trayToggleAction({ ...justHidden, source: 'shortcut' })).toBe('show');
    expect(
      trayToggleAction({ ...base, hiddenOnBlurAt: base.now - BLUR_CLICK_GRACE_MS - 1, source: 'tray-click' }),
    ).toBe('show');
  });
});
