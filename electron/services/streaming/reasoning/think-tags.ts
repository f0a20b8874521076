/**
 * The tags models wrap reasoning in, inside the content. Pure string helpers for the splitter
 * (think-tag-splitter.ts); every tag starts with '<', which keeps the held-back tail short.
 */
export const OPENING_TAGS = ['<think>', '<thinking>', '<thought>'] as const;
export const CLOSING_TAGS = ['</think>', '</thinking>', '</thought>'] as const;

/** The closing tag that ends an opening one. */
export function closingTagOf(opening: string): string {
  return `</${opening.slice(1)}`;
}

/** The earliest whole tag of `tags` in `text`, if any. */
export function findFirstTag(
  text: string,
  tags: readonly string[],
): { index: number; tag: string } | undefined {
  let found: { index: number; tag: string } | undefined;
  for (const tag of tags) {
    const index = text.indexOf(tag);
    if (index !== -1 && (found === undefined || index < found.index)) found = { index, tag };
  }
  return found;
}

/**
 * How many characters at the end of `text` could be the start of one of `tags` (to hold back
 * until the next chunk says). Only the tail from the last '<' can be: tags hold one '<' each.
 */
export function partialTagLength(text: string, tags: readonly string[]): number {
  const start = text.lastIndexOf('<');
  if (start === -1) return 0;
  const tail = text.slice(start);
  return tags.some((tag) => tail.length < tag.length && tag.startsWith(tail)) ? tail.length : 0;
}
