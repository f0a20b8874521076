/**
 * A tool result longer than the room left in the model's context is cut before it goes to the
 * model, with a line saying so (the model and the user both see it); `cutFromChars` on the part
 * records the original length.
 */

/** Never less than this is kept, even when the context looks full: a result says something. */
export const MIN_RESULT_CHARS = 2_000;
/** Never more than this, whatever the context (a huge context still answers slowly). */
export const MAX_RESULT_CHARS = 400_000;
/** A conservative characters-per-token figure, so a cut result fits even in dense text. */
const CHARS_PER_TOKEN = 3;

/** How many characters each of `calls` results may keep, from the tokens left in the context. */
export function resultRoomChars(roomTokens: number, calls: number): number {
  const share = Math.floor((Math.max(0, roomTokens) * CHARS_PER_TOKEN) / Math.max(1, calls));
  return Math.min(MAX_RESULT_CHARS, Math.max(MIN_RESULT_CHARS, share));
}

export function fitResult(content: string, maxChars: number): { content: string; cutFromChars?: number } {
  if (content.length <= maxChars) return { content };
  let end = Math.max(0, maxChars);
  const code = content.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  const note = `\n[Result cut to fit the context: ${fmt(end)} of ${fmt(content.length)} characters were sent.]`;
  return { content: content.slice(0, end) + note, cutFromChars: content.length };
}

const fmt = (n: number) => n.toLocaleString('en-US');
