import type { ConversationSummary, Message } from '../../../../shared/index';
import { answerText } from '../../../../shared/domain/message-content';

/** Pure edits of a transcript's message list; each returns a new array, or the same one when nothing changed. */

export function upsertMessage(messages: readonly Message[], message: Message): Message[] {
  const index = messages.findIndex((m) => m.id === message.id);
  if (index === -1) return [...messages, message];
  const copy = messages.slice();
  copy[index] = message;
  return copy;
}

export function replaceMessage(messages: readonly Message[], id: string, message: Message): Message[] {
  return messages.map((m) => (m.id === id ? message : m));
}

/**
 * A user message the host saved: replaces this window's optimistic copy (same text, `local-` id)
 * when there is one, else is added (it was sent from another window).
 */
export function settleUserMessage(messages: readonly Message[], message: Message): Message[] {
  if (messages.some((m) => m.id === message.id)) return messages.slice();
  const text = answerText(message);
  const local = messages.findLastIndex((m) => m.id.startsWith('local-') && answerText(m) === text);
  if (local === -1) return [...messages, message];
  const copy = messages.slice();
  copy[local] = message;
  return copy;
}

export function removeMessage(messages: readonly Message[], id: string): Message[] {
  return messages.filter((m) => m.id !== id);
}

/** chat.retry replaces the last reply, if the last message is one; the transcript does the same at once. */
export function dropLastReply(messages: readonly Message[]): Message[] {
  const last = messages.at(-1);
  return last?.role === 'assistant' ? messages.slice(0, -1) : messages.slice();
}

/** A freshly loaded conversation may predate replies that ended meanwhile; their final versions win. */
export function applyFinished(
  messages: readonly Message[],
  finished: ReadonlyMap<string, Message>,
): Message[] {
  return messages.map((m) => (m.status === 'streaming' ? (finished.get(m.id) ?? m) : m));
}

/** Pinned first, then newest first, whatever order the host sends (the store's own order, so both agree). */
export function sortConversations(list: readonly ConversationSummary[]): ConversationSummary[] {
  return [...list].sort(
    (a, b) =>
      Number(b.pinned ?? false) - Number(a.pinned ?? false) ||
      b.updatedAt - a.updatedAt ||
      b.createdAt - a.createdAt ||
      a.id.localeCompare(b.id),
  );
}

/** Which conversation to show after one is deleted: the next one down, else the one above, else none. */
export function neighbourAfterDelete(
  list: readonly ConversationSummary[],
  deletedId: string,
): string | undefined {
  const index = list.findIndex((c) => c.id === deletedId);
  if (index === -1) return list[0]?.id;
  return (list[index + 1] ?? list[index - 1])?.id;
}

/**
 * An edit-and-resend replaced message `id` and everything after it. The system prompt stays (main
 * puts it back before the new message when it sat after the edited one). Unknown id: unchanged.
 */
export function truncateFrom(messages: readonly Message[], id: string): Message[] {
  const index = messages.findIndex((m) => m.id === id);
  if (index === -1) return messages.slice();
  return [...messages.slice(0, index), ...messages.slice(index).filter((m) => m.role === 'system')];
}
