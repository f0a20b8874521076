import type { ReplyContext } from './reply-context';
import type { Message } from './conversation';
import { answerText, attachmentParts } from './message-content';

/**
 * Which messages a request sends or leaves out, without zod: the renderer's chat bundle marks
 * left-out turns with these and must not load the contract's schemas to do it.
 * (`context-budget.ts` re-exports them; the budget itself lives there.)
 */

export type ContextMessage = Pick<Message, 'id' | 'role' | 'parts' | 'status'>;

/**
 * Failed replies and messages with nothing to send (empty, or reasoning alone) are never sent; a
 * message of attachments alone is sent, and so is a reply of tool calls and results alone.
 */
export function isSendable(message: Pick<Message, 'parts' | 'status'>): boolean {
  return (
    message.status !== 'failed' &&
    (answerText(message).length > 0 ||
      attachmentParts(message).length > 0 ||
      message.parts.some((p) => p.type === 'tool-result'))
  );
}

/** The conversation's system prompt: its first sendable system message, wherever it is in the list. */
export function systemPromptOf<M extends ContextMessage>(messages: readonly M[]): M | undefined {
  return messages.find((m) => m.role === 'system' && isSendable(m));
}

/**
 * The messages a request left out, from what its reply saved: every sendable message before
 * `firstKeptId` except the system prompt, oldest first. Empty when nothing was left out.
 */
export function omittedIdsOf(messages: readonly ContextMessage[], context: ReplyContext): string[] {
  if (context.omittedCount === 0 || context.firstKeptId === undefined) return [];
  const boundary = messages.findIndex((m) => m.id === context.firstKeptId);
  if (boundary < 0) return [];
  const system = systemPromptOf(messages);
  return messages
    .slice(0, boundary)
    .filter((m) => m !== system && isSendable(m))
    .map((m) => m.id);
}
