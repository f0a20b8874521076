import { partsFromContent } from '../../../../shared/domain/legacy-content';
import type { Migration } from './migration';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A message from before parts: its `content` string becomes its parts (one text part, none when
 * empty; a reply that opened with `<think>…</think>` gains a reasoning part). A message that already
 * has parts (a step run twice) or is not one at all is left as it is: validation decides about it.
 */
function messageToParts(message: unknown): unknown {
  if (!isRecord(message) || typeof message.content !== 'string' || Array.isArray(message.parts))
    return message;
  const { content, ...rest } = message;
  return { ...rest, parts: partsFromContent(String(rest.role), content) };
}

/**
 * v3: a message holds ordered typed parts instead of one `content` string; summaries may carry
 * `reasoningEffort` (optional, so v2 summaries are valid as they are). Messages set aside as
 * unreadable are kept exactly as they were read.
 */
export const v2ToV3: Migration = {
  to: 3,
  what: 'messages made of parts (text, reasoning)',
  index: (data) => ({ ...data, schemaVersion: 3 }),
  conversation: (data) => ({
    ...data,
    schemaVersion: 3,
    ...(Array.isArray(data.messages) ? { messages: data.messages.map(messageToParts) } : {}),
  }),
};
