/**
 * What the test server says, and how it counts: the deterministic default reply, the split into
 * one token per SSE event, and a rough prompt-token count.
 */

export interface ChatMessageText {
  role: string;
  content: string;
}

/** The fixed sentence after "You said: …. " in the default reply (22 words). */
export const DEFAULT_SENTENCE =
  'This is a deterministic reply from the test server, streamed one word at a time so that every client can check it.';

/** The reply used by the `split-utf8` fault: 2-, 3- and 4-byte UTF-8 characters. */
export const SPLIT_UTF8_TEXT = 'héllo wörld — 日本語 🚀 ✓';

export function defaultReply(messages: ChatMessageText[]): string {
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  return `You said: ${lastUser?.content ?? ''}. ${DEFAULT_SENTENCE}`;
}

/**
 * Words with their leading whitespace (trailing whitespace rides on a last token of its own), so
 * `splitTokens(text).join('') === text` for every string.
 */
export function splitTokens(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** A message's text: a string, or the text parts of an array of content parts; anything else is ''. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) =>
      part && typeof part === 'object' && 'text' in part && typeof part.text === 'string' ? part.text : '',
    )
    .join('');
}

/** The request's messages reduced to role and text; entries that are not objects are dropped. */
export function normalizeMessages(messages: unknown): ChatMessageText[] {
  if (!Array.isArray(messages)) return [];
  return messages.flatMap((m: unknown) =>
    m && typeof m === 'object'
      ? [
          {
            role: 'role' in m && typeof m.role === 'string' ? m.role : '',
            content: contentText('content' in m ? m.content : undefined),
          },
        ]
      : [],
  );
}

/** Roughly four characters per token, like most tokenizers on English text. */
export function countPromptTokens(messages: ChatMessageText[]): number {
  return Math.ceil(messages.reduce((sum, m) => sum + m.content.length, 0) / 4);
}
