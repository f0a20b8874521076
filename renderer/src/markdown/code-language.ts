import type { ExtraProps } from 'react-markdown';

type HastElement = NonNullable<ExtraProps['node']>;

function codeClasses(pre: HastElement | undefined): string[] {
  for (const child of pre?.children ?? []) {
    if (child.type !== 'element' || child.tagName !== 'code') continue;
    const classes = child.properties.className;
    const list = Array.isArray(classes) ? classes : String(classes ?? '').split(/\s+/);
    return list.filter((name): name is string => typeof name === 'string');
  }
  return [];
}

/** The language of a fenced block (```ts → "ts"), read from the `language-*` class on its <code>. */
export function codeLanguage(pre: HastElement | undefined): string | undefined {
  for (const name of codeClasses(pre)) {
    if (name.startsWith('language-')) return name.slice('language-'.length);
  }
  return undefined;
}

/** Whether `rehypeBoundHighlight` kept this block from being highlighted (it is too large). */
export function highlightSkipped(pre: HastElement | undefined): boolean {
  return codeClasses(pre).includes('no-highlight');
}
