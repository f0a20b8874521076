import type { Conversation, Message } from '../../../shared/domain/conversation';
import { userError } from '../../../shared/domain/errors';
import { answerText } from '../../../shared/domain/message-content';
import { addVersion, switchVersion } from '../../../shared/domain/reply-versions';
import { AppError } from '../app-error';
import type { ConversationStore } from '../store/conversation-store';
import type { ReplySink } from './reply-lifecycle';

/**
 * Reply versions in the store (see shared/domain/reply-versions.ts): Regenerate and Edit & resend
 * keep the tail they replace as a version of the turn, and `chat.showVersion` swaps tails. Nothing
 * is thrown away, so neither makes a trash item.
 */

export type VersionStore = Pick<ConversationStore, 'get' | 'appendMessage' | 'setMessages'>;

/** A new reply, empty and streaming. */
export const newReply = (id: string, createdAt: number): Message => ({
  id,
  role: 'assistant',
  parts: [],
  createdAt,
  status: 'streaming',
});

/**
 * Where a reply is saved: appended, or for Regenerate (`versionOf`) saved in place of the tail it
 * keeps as a version (also when it fails before any request).
 */
export function replyStore(
  store: VersionStore & Pick<ConversationStore, 'updateMessage'>,
  versionOf: string | undefined,
): ReplySink['store'] {
  return {
    appendMessage: (id, message) =>
      versionOf ? saveAsNewVersion(store, id, versionOf, message) : store.appendMessage(id, message),
    updateMessage: (id, message, mode) => store.updateMessage(id, message, mode),
  };
}

const messageGone = () =>
  new AppError(
    userError('not-found', 'That message is no longer in the conversation.', 'Reload the conversation.'),
  );

/**
 * Saves `first` as the start of a new version of the turn at message `fromId` (the tail from there
 * on becomes a version). `first` gains the `versions` it now carries, so later updates of it (a
 * streaming reply's checkpoints) keep them. Without `fromId` in the conversation any more, `first`
 * is just appended.
 */
export function saveAsNewVersion(
  store: VersionStore,
  conversationId: string,
  fromId: string,
  first: Message,
): void {
  const messages = store.get(conversationId)?.messages ?? [];
  const index = messages.findIndex((m) => m.id === fromId);
  if (index < 0) {
    store.appendMessage(conversationId, first);
    return;
  }
  const next = addVersion(messages, index, first);
  const saved = next.at(-1);
  if (saved?.versions) first.versions = saved.versions;
  store.setMessages(conversationId, next);
}

/** Regenerate keeps a reply that answered (complete, or stopped with text); errors are replaced. */
export function keptAsVersion(reply: Message): boolean {
  return reply.status === 'complete' || (reply.status === 'cancelled' && answerText(reply).length > 0);
}

/** What a request is planned from while a new version at `fromId` is made: the path before it. */
export function pathBefore(messages: readonly Message[], fromId: string): Message[] {
  const index = messages.findIndex((m) => m.id === fromId);
  if (index < 0) return [...messages];
  return [...messages.slice(0, index), ...messages.slice(index).filter((m) => m.role === 'system')];
}

/** Shows version `version` (0-based) of the turn starting at `messageId`; answers the conversation. */
export function showVersion(
  store: VersionStore,
  conversation: Conversation,
  messageId: string,
  version: number,
): Conversation {
  const index = conversation.messages.findIndex((m) => m.id === messageId);
  if (index < 0) throw messageGone();
  const next = switchVersion(conversation.messages, index, version);
  if (!next)
    throw new AppError(
      userError(
        'invalid-input',
        `That message has no version ${version + 1}.`,
        'Reload the conversation and pick one of the versions shown.',
      ),
    );
  store.setMessages(conversation.id, next);
  const saved = store.get(conversation.id);
  if (!saved) throw messageGone();
  return saved;
}
