/**
 * Bounds that keep one reply from holding the page's main thread (goal: no task over ~100 ms). A
 * 1.5 MB highlighted code block used to block it for seconds, a 400-level nested list too. Each
 * bound has a visible note where it changes what is shown; the text itself is never dropped.
 */

/** Code is added to the page in slices of this many lines, a few slices per frame. */
export const CODE_CHUNK_LINES = 100;
/** Slices of plain code added per frame (a slice of plain text is one text node: cheap). */
export const PLAIN_CHUNKS_PER_FRAME = 5;

/**
 * Finished code up to this size is highlighted while rendering (a few ms); larger code is
 * highlighted in a worker and painted slice by slice, so the page never waits for it.
 */
export const SYNC_HIGHLIGHT_CHARS = 12_000;
/** Beyond this, code is shown plain with a note: its highlighted DOM alone would weigh on the page. */
export const MAX_HIGHLIGHT_CHARS = 300_000;

/**
 * Formatting one block (react-markdown) is one task, whose time grows with the nodes it makes more
 * than with its characters, and for lists with their depth: a 400-item list took ~130 ms, 100 items
 * 16 levels deep more, a 50 KB paragraph thick with emphasis 1.4 s. So a block's cost is estimated
 * as its length plus a weight per list item (one more per two columns of nesting) and per markup
 * character (measured in Node on a busy 2-core machine), and a block over the budget is shown as
 * plain text with a note.
 */
export const LIST_ITEM_COST = 300;
export const MARKUP_CHAR_COST = 40;
export const MAX_FORMATTING_COST = 40_000;

/** Long lists are formatted as runs of this many items (an ordered run keeps its numbers). */
export const LIST_CHUNK_ITEMS = 20;

/** Formatting cost mounted per frame when a long reply opens; later blocks follow frame by frame. */
export const COST_PER_FRAME = 16_000;

/** Lists and quotes nested deeper than this are flattened at this depth, with a note. */
export const MAX_NESTING = 16;

export function formatSize(chars: number): string {
  if (chars >= 1_000_000) return `${(chars / 1_000_000).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(chars / 1000))} KB`;
}
