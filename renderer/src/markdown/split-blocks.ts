import { Lexer, type Token, type Tokens } from 'marked';
import { LIST_CHUNK_ITEMS } from './render-limits';

/** One top-level markdown block (paragraph, list, fenced code, table…) and where it starts in the text. */
export interface MarkdownBlockSource {
  type: string;
  raw: string;
  start: number;
  /** For a code block: its code, the fence's info string, and whether its closing fence has arrived. */
  code?: CodeSource;
  /** For a long list: each item's raw text, so it can be formatted a run of items at a time. */
  items?: string[];
}

export interface CodeSource {
  text: string;
  lang: string | undefined;
  closed: boolean;
}

const fenceLine = /^ {0,3}(`{3,}|~{3,})/;

/** Whether a fenced block's raw text ends with a fence that closes its opening one. */
function fenceClosed(raw: string): boolean {
  const opening = fenceLine.exec(raw)?.[1];
  const body = raw.trimEnd();
  const lastBreak = body.lastIndexOf('\n');
  if (!opening || lastBreak === -1) return false;
  const last = body.slice(lastBreak + 1);
  const closing = fenceLine.exec(last)?.[1];
  return (
    closing !== undefined &&
    closing[0] === opening[0] &&
    closing.length >= opening.length &&
    last.trim() === closing
  );
}

function codeSource(token: Token): CodeSource | undefined {
  if (token.type !== 'code') return undefined;
  const { text, lang, codeBlockStyle } = token as Tokens.Code;
  // An indented block has no closing line: it counts as open while it is the growing tail.
  return { text, lang: lang || undefined, closed: codeBlockStyle !== 'indented' && fenceClosed(token.raw) };
}

/** Item raws of a list long enough to be cut, when they add up to the list's raw text exactly. */
function listItems(token: Tokens.List): string[] | undefined {
  if (token.items.length <= LIST_CHUNK_ITEMS) return undefined;
  const items = token.items.map((item) => item.raw);
  const joined = items.join('');
  const rest = token.raw.slice(joined.length);
  if (!token.raw.startsWith(joined) || rest.trim()) return undefined;
  items[items.length - 1] += rest;
  return items;
}

export interface SplitResult {
  text: string;
  blocks: MarkdownBlockSource[];
  /** Link reference definitions, which must travel with every block that may use them. */
  definitions: string;
}

function lexBlocks(text: string, offset: number): MarkdownBlockSource[] | undefined {
  const tokens = Lexer.lex(text);
  const blocks: MarkdownBlockSource[] = [];
  let position = 0;
  for (const token of tokens) {
    if (token.type === 'space') {
      position += token.raw.length;
      continue;
    }
    const code = codeSource(token);
    const items = token.type === 'list' ? listItems(token as Tokens.List) : undefined;
    blocks.push({
      type: token.type,
      raw: token.raw,
      start: offset + position,
      ...(code && { code }),
      ...(items && { items }),
    });
    position += token.raw.length;
  }
  // Offsets are only trustworthy when the tokens account for every character.
  return position === text.length ? blocks : undefined;
}

function definitionsOf(blocks: MarkdownBlockSource[]): string {
  return blocks
    .filter((b) => b.type === 'def' && !/^\s*\[\^/.test(b.raw))
    .map((b) => (b.raw.endsWith('\n') ? b.raw : `${b.raw}\n`))
    .join('');
}

function result(text: string, blocks: MarkdownBlockSource[]): SplitResult {
  return { text, blocks, definitions: definitionsOf(blocks) };
}

/** Footnotes need their definitions and references in one document, so such text is not split. */
const footnoteDefinition = /^ {0,3}\[\^[^\]\n]+\]:/m;

/**
 * Splits markdown into top-level blocks. With `previous` (the split of a prefix of `text`, as while
 * streaming), only the last two blocks are lexed again: a growing tail can change the block before
 * it (a paragraph that becomes a setext heading or a table header) but nothing earlier.
 */
export function splitBlocks(text: string, previous?: SplitResult): SplitResult {
  const whole = (): SplitResult => result(text, text ? [{ type: 'document', raw: text, start: 0 }] : []);
  if (footnoteDefinition.test(text)) return whole();
  if (previous && previous.blocks.length > 2 && text.startsWith(previous.text)) {
    const kept = previous.blocks.slice(0, -2);
    const from = previous.blocks[previous.blocks.length - 2]?.start ?? 0;
    const tail = lexBlocks(text.slice(from), from);
    if (tail) return result(text, kept.concat(tail));
  }
  const blocks = lexBlocks(text, 0);
  return blocks ? result(text, blocks) : whole();
}

/**
 * A few recent splits, so a re-render of a streaming reply can continue from the previous frame's
 * split without the component holding mutable state. Several replies may stream at once.
 */
const recent: SplitResult[] = [];
const RECENT_LIMIT = 8;

export function splitStreamingBlocks(text: string): SplitResult {
  let previous: SplitResult | undefined;
  for (const candidate of recent) {
    if (candidate.text === text) return candidate;
    if (text.startsWith(candidate.text) && candidate.text.length > (previous?.text.length ?? -1))
      previous = candidate;
  }
  const split = splitBlocks(text, previous);
  if (previous) recent.splice(recent.indexOf(previous), 1);
  recent.unshift(split);
  if (recent.length > RECENT_LIMIT) recent.length = RECENT_LIMIT;
  return split;
}
