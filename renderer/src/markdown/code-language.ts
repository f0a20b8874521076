import type { ExtraProps } from 'react-markdown';

type HastElement = NonNullable<ExtraProps['node']>;

/** The language of a fenced block (```ts → "ts"), read from the `language-*` class on its <code>. */
export function codeLanguage(pre: HastElement | undefined): string | undefined {
  for (const child of pre?.children ?? []) {
    if (child.type !== 'element' || child.tagName !== 'code') continue;
    const classes = child.properties.className;
    const list = Array.isArray(classes) ? classes : String(classes ?? '').split(/\s+/);
    for (const name of list) {
      if (typeof name === 'string' && name.startsWith('language-')) return name.slice('language-'.length);
    }
  }
  return undefined;
}
