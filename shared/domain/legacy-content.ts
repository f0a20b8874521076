import { textParts } from './message-content';
import type { MessagePart } from './message-parts';

/**
 * A message body from before parts (store v2, export v1): one string. An assistant reply that
 * opened with a reasoning block (`<think>…</think>`, `<thinking>`, `<thought>`) is split into a
 * reasoning part and the answer, so old replies of reasoning models read like new ones; everything
 * else (a tag later in the text, an unclosed one, any user or system text) stays text, exactly.
 */
export function partsFromContent(role: string, content: string): MessagePart[] {
  if (role === 'assistant') {
    const block = leadingReasoning.exec(content);
    const reasoning = block?.[2]?.trim();
    if (block && reasoning) {
      const answer = content.slice(block[0].length);
      return [{ type: 'reasoning', id: 'r1', text: reasoning }, ...textParts(answer)];
    }
  }
  return textParts(content);
}

/** The opening tag at the very start (after blank space) and its own closing tag, with what follows up to the answer. */
const leadingReasoning = /^\s*<(think|thinking|thought)>([\s\S]*?)<\/\1>\s*/;
