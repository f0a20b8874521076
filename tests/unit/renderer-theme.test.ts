import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The page follows the system's light or dark theme (`prefers-color-scheme`; in Electron,
 * nativeTheme.themeSource = 'system' drives it). Both palettes live in tokens.css as custom
 * properties; this reads them and checks WCAG 2.1 contrast of the text and controls built from them.
 */
const css = readFileSync('renderer/src/styles/tokens.css', 'utf8');

type Rgba = [number, number, number, number];

function variables(block: string): Map<string, string> {
  return new Map(
    [...block.matchAll(/--([\w-]+):\s*([^;]+);/g)].map((m) => [m[1] ?? '', (m[2] ?? '').trim()]),
  );
}

const lightBlock = css.slice(0, css.indexOf('@media (prefers-color-scheme: dark)'));
const darkBlock = css.slice(css.indexOf('@media (prefers-color-scheme: dark)'));
const light = variables(lightBlock);
const dark = new Map([...light, ...variables(darkBlock)]);

function parse(value: string): Rgba {
  const hex = /^#([0-9a-f]{6})$/i.exec(value);
  if (hex?.[1]) {
    const n = parseInt(hex[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 1];
  }
  const rgba = /^rgba?\(([^)]+)\)$/.exec(value);
  if (rgba?.[1]) {
    const [r = 0, g = 0, b = 0, a = 1] = rgba[1].split(',').map((p) => Number(p.trim()));
    return [r, g, b, a];
  }
  throw new Error(`not a colour: ${value}`);
}

/** A translucent colour as it shows over an opaque one. */
function over([r, g, b, a]: Rgba, [br, bg, bb]: Rgba): Rgba {
  return [r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a), 1];
}

function luminance([r, g, b]: Rgba): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** `bg` may be layered, "bg-selected/bg-sidebar": a selected row (translucent) over the sidebar. */
function contrast(theme: Map<string, string>, fg: string, bg: string): number {
  const colour = (name: string) => parse(theme.get(name) ?? `missing --${name}`);
  const back = bg
    .split('/')
    .reverse()
    .reduce((under, layer) => over(colour(layer), under), colour('bg'));
  const [a, b] = [luminance(over(parse(theme.get(fg) ?? ''), back)), luminance(back)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** [foreground, background, minimum]: 4.5 for text, 3 for focus rings and status marks. */
const pairs: [string, string, number][] = [
  ['text', 'bg', 4.5],
  ['text', 'bg-sidebar', 4.5],
  ['text', 'bg-raised', 4.5],
  ['text', 'bg-user', 4.5],
  ['text', 'bg-code', 4.5],
  ['text', 'bg-selected', 4.5],
  ['text-muted', 'bg', 4.5],
  ['text-muted', 'bg-sidebar', 4.5],
  ['text-muted', 'bg-selected', 4.5],
  ['text-muted', 'bg-selected/bg-sidebar', 4.5],
  ['text-muted', 'bg-hover/bg-sidebar', 4.5],
  ['text', 'bg-selected/bg-sidebar', 4.5],
  ['accent-text', 'accent', 4.5],
  ['accent', 'bg', 4.5],
  ['danger-text', 'danger', 4.5],
  ['danger', 'bg', 4.5],
  ['danger', 'danger-bg', 4.5],
  ['warning', 'bg', 4.5],
  ['warning', 'warning-bg', 4.5],
  ['text', 'warning-bg', 4.5],
  ['focus', 'bg', 3],
  ['focus', 'bg-raised', 3],
  ['ok', 'bg', 3],
  ['ok-text', 'bg-code-bar', 4.5],
];

describe.each([
  ['light', light],
  ['dark', dark],
])('the %s theme', (_name, theme) => {
  it.each(pairs)('%s on %s has enough contrast', (fg, bg, minimum) => {
    expect(contrast(theme, fg, bg)).toBeGreaterThanOrEqual(minimum);
  });
});

describe('the two themes', () => {
  it('differ: dark mode really swaps the palette', () => {
    for (const name of ['bg', 'text', 'text-muted', 'accent', 'bg-raised'])
      expect(dark.get(name), name).not.toBe(light.get(name));
  });

  it('are chosen by the system setting, and the page says it supports both', () => {
    expect(css).toMatch(/color-scheme:\s*light dark/);
    expect(readFileSync('renderer/index.html', 'utf8')).toContain(
      '<meta name="color-scheme" content="light dark" />',
    );
  });
});
