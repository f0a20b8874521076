import { MAX_NESTING } from './render-limits';

export interface NestingLimit {
  text: string;
  /** Whether some list or quote went deeper than MAX_NESTING and was flattened. */
  flattened: boolean;
}

/** Any line whose leading spaces, tabs and quote markers are long enough to be worth a closer look. */
const mayBeDeep = new RegExp(`^[ \\t>]{${MAX_NESTING}}`, 'm');
const listMarker = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const fenceOpen = /^(`{3,}|~{3,})/;

interface LinePrefix {
  quotes: number;
  /** Where the text after the quote markers starts. */
  afterQuotes: number;
  /** Columns of whitespace after the quote markers (a tab goes to the next multiple of 4). */
  indent: number;
  /** Where the text after that whitespace starts. */
  content: number;
}

function prefixOf(line: string): LinePrefix {
  let at = 0;
  let quotes = 0;
  for (;;) {
    let look = at;
    while (look < at + 3 && line[look] === ' ') look++;
    if (line[look] !== '>') break;
    quotes++;
    at = look + 1;
    if (line[at] === ' ') at++;
  }
  const afterQuotes = at;
  let indent = 0;
  while (line[at] === ' ' || line[at] === '\t') {
    indent = line[at] === '\t' ? indent + 4 - (indent % 4) : indent + 1;
    at++;
  }
  return { quotes, afterQuotes, indent, content: at };
}

/**
 * The nesting a line opens: its quote markers, plus, for a list item, its indentation counted as
 * one level per two columns (every nested list indents at least that much). An estimate that errs
 * on the deep side, which is safe: it only decides when to flatten.
 */
function depthOf(line: string, prefix: LinePrefix): number {
  const isItem = listMarker.test(line.slice(prefix.content, prefix.content + 11));
  return prefix.quotes + (isItem ? Math.floor(prefix.indent / 2) + 1 : 0);
}

/**
 * Caps list and quote nesting at MAX_NESTING: markdown parsers take time that grows with depth
 * times length (a 400-level list took seconds), and no reader follows 400 levels anyway. Over-deep
 * lines keep their text but lose the extra quote markers and indentation, so the deepest levels
 * render as siblings at the limit. Lines inside fenced code are left alone.
 */
export function limitNesting(text: string): NestingLimit {
  if (!mayBeDeep.test(text)) return { text, flattened: false };
  const lines = text.split('\n');
  let fence: string | undefined;
  let tooDeep = false;
  const prefixes: (LinePrefix | undefined)[] = lines.map((line) => {
    const prefix = prefixOf(line);
    const rest = line.slice(prefix.content);
    const marker = fenceOpen.exec(rest)?.[1];
    if (fence) {
      if (
        marker &&
        marker[0] === fence[0] &&
        marker.length >= fence.length &&
        !rest.slice(marker.length).trim()
      )
        fence = undefined;
      return undefined;
    }
    if (marker) fence = marker;
    if (depthOf(line, prefix) > MAX_NESTING) tooDeep = true;
    return prefix;
  });
  if (!tooDeep) return { text, flattened: false };
  const limited = lines.map((line, index) => {
    const prefix = prefixes[index];
    if (!prefix) return line;
    const quotes = Math.min(prefix.quotes, MAX_NESTING);
    const allowed = 2 * (MAX_NESTING - quotes);
    if (quotes === prefix.quotes && prefix.indent <= allowed) return line;
    const indent = Math.min(prefix.indent, allowed);
    return `${'> '.repeat(quotes)}${' '.repeat(indent)}${line.slice(prefix.content)}`;
  });
  return { text: limited.join('\n'), flattened: true };
}
