/** Characters of context kept before and after a match. */
const BEFORE = 40;
const AFTER = 80;

export interface Snippet {
  snippet: string;
  matchStart: number;
  matchLength: number;
}

/**
 * One line of `text` around the match at `index`: about 40 characters before and 80 after, cut at
 * word boundaries where possible, with "…" where text was left out. Whitespace becomes single
 * spaces one for one, so the match keeps its place.
 */
export function snippetAround(text: string, index: number, length: number): Snippet {
  let start = Math.max(0, index - BEFORE);
  let end = Math.min(text.length, index + length + AFTER);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space >= 0 && space < index) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > index + length) end = space;
  }
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const body = text.slice(start, end).replace(/\s/g, ' ').replaceAll('\u0000', ' ');
  return {
    snippet: `${prefix}${body}${suffix}`,
    matchStart: prefix.length + index - start,
    matchLength: length,
  };
}
