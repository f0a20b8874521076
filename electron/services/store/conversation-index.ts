import { titleFrom, type ConversationSummary, type Message } from '../../../shared/domain/conversation';
import { userError } from '../../../shared/domain/errors';
import { conversationFileSchema, describeIssues, type ConversationFile } from './store-schema';

export const NEW_CHAT_TITLE = 'New chat';

export type ParsedConversation = { ok: true; file: ConversationFile } | { ok: false; reason: string };

/**
 * Validates a conversation file read from disk (already migrated to this version), and that it holds
 * conversation `id` when one is expected (trash files hold whichever conversation was deleted). A
 * reply still marked `streaming` was cut off by a crash or a kill: it is loaded as `incomplete`,
 * keeping its partial text.
 */
export function parseConversationFile(id: string | undefined, data: unknown): ParsedConversation {
  const parsed = conversationFileSchema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, reason: `not in the expected format (${describeIssues(parsed.error)})` };
  }
  if (id !== undefined && parsed.data.id !== id) {
    return { ok: false, reason: `it holds conversation "${parsed.data.id}", not "${id}"` };
  }
  return { ok: true, file: { ...parsed.data, messages: parsed.data.messages.map(settleInterrupted) } };
}

export function settleInterrupted(message: Message): Message {
  if (message.status !== 'streaming') return message;
  return {
    ...message,
    status: 'incomplete',
    error:
      message.error ??
      userError(
        'incomplete',
        'The app closed before this reply was finished.',
        'Retry to get a complete answer; the partial text is kept.',
        { retryable: true },
      ),
  };
}

/**
 * The summary after the messages changed: count, model of the last reply, and the title from the
 * first user message unless the user named the conversation (an edited first message retitles it).
 */
export function summarize(
  previous: ConversationSummary,
  messages: Message[],
  updatedAt: number,
): ConversationSummary {
  const summary: ConversationSummary = {
    id: previous.id,
    title: previous.titleEdited ? previous.title : titleOf(messages),
    createdAt: previous.createdAt,
    updatedAt,
    messageCount: messages.length,
  };
  const model = modelOf(messages);
  if (model !== undefined) summary.model = model;
  if (previous.profileId !== undefined) summary.profileId = previous.profileId;
  if (previous.chosenModel !== undefined) summary.chosenModel = previous.chosenModel;
  if (previous.pinned) summary.pinned = true;
  if (previous.titleEdited) summary.titleEdited = true;
  return summary;
}

/** A summary rebuilt from a conversation file alone (when the index was lost or did not list it). */
export function summaryFromFile(file: ConversationFile): ConversationSummary {
  const base: ConversationSummary = {
    id: file.id,
    title: NEW_CHAT_TITLE,
    createdAt: file.createdAt,
    updatedAt: file.createdAt,
    messageCount: 0,
    ...(file.profileId !== undefined ? { profileId: file.profileId } : {}),
    ...(file.chosenModel !== undefined ? { chosenModel: file.chosenModel } : {}),
  };
  return summarize(base, file.messages, lastActivity(file.createdAt, file.messages));
}

/** The latest time recorded in the file itself: creation or the newest message. */
export function lastActivity(createdAt: number, messages: Message[]): number {
  return messages.reduce((latest, m) => Math.max(latest, m.createdAt), createdAt);
}

export function sameSummary(a: ConversationSummary, b: ConversationSummary): boolean {
  return (
    a.id === b.id &&
    a.title === b.title &&
    a.createdAt === b.createdAt &&
    a.updatedAt === b.updatedAt &&
    a.messageCount === b.messageCount &&
    a.model === b.model &&
    a.profileId === b.profileId &&
    a.chosenModel === b.chosenModel &&
    a.pinned === b.pinned &&
    a.titleEdited === b.titleEdited
  );
}

export function titleOf(messages: readonly Message[]): string {
  const firstUser = messages.find((m) => m.role === 'user');
  return firstUser ? titleFrom(firstUser.content) : NEW_CHAT_TITLE;
}

function modelOf(messages: Message[]): string | undefined {
  return messages.findLast((m) => m.role === 'assistant' && m.model !== undefined)?.model;
}
