import { ECHO_MAX } from '../contract/limits';
import { revealBidiControls } from './bidi-controls';

/**
 * A short, one-line piece of a text for a human to read: a title, a notice, or the quote of a bad
 * value in an error message (which must never carry a pasted megabyte back). Whitespace runs become
 * one space, bidirectional controls are shown (see bidi-controls.ts) and anything past `max`
 * characters is cut, with "…" as the last of them. Pure and zod-free, so the chat bundle can use it.
 */
export function excerpt(text: string, max: number = ECHO_MAX): string {
  // Only a prefix can show, so a huge value is not scanned whole.
  const scan = max * 16 + 64;
  const more = text.length > scan;
  const line = revealBidiControls((more ? text.slice(0, scan) : text).replace(/\s+/g, ' ').trim());
  if (line.length <= max && !more) return line;
  return `${cutAt(line, max - 1).trimEnd()}…`;
}

/** A bad value quoted in a message: `"http://x…"`. */
export function quoted(value: string, max: number = ECHO_MAX): string {
  return `"${excerpt(value, max)}"`;
}

/** The first `end` code units, one fewer where that would split a surrogate pair. */
function cutAt(text: string, end: number): string {
  const head = text.slice(0, end);
  const last = head.charCodeAt(head.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? head.slice(0, -1) : head;
}

/**
 * A title from the first user message: one line of at most `max` characters, cut at a word boundary
 * where one is near, and never with a stored "…" (the list and header truncate with CSS, so a title
 * that fits shows whole and a renamed window shows no ellipsis that was never typed).
 */
export function titleFrom(text: string, max = 60): string {
  let line = excerpt(text, max + 1);
  // excerpt's own mark of a cut (only a user's own "…" at the very end is theirs to keep).
  if (line.endsWith('…') && !text.trimEnd().endsWith('…')) line = line.slice(0, -1).trimEnd();
  if (line.length <= max) return line || 'New chat';
  const head = cutAt(line, max);
  const space = head.lastIndexOf(' ');
  return (space >= max / 2 ? head.slice(0, space) : head).trimEnd() || 'New chat';
}
