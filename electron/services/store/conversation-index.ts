import { messageSchema, type ConversationSummary, type Message } from '../../../shared/domain/conversation';
import { titleFrom } from '../../../shared/domain/excerpt';
import { userError } from '../../../shared/domain/errors';
import { answerText } from '../../../shared/domain/message-content';
import { conversationFileShapeSchema, describeIssues, type ConversationFile } from './store-schema';

export const NEW_CHAT_TITLE = 'New chat';

export type ParsedConversation =
  | {
      ok: true;
      file: ConversationFile;
      /** Messages set aside while reading this time (already moved into `file.setAside`): why each was. */
      setAside: string[];
    }
  | { ok: false; reason: string };

/**
 * Validates a conversation file read from disk (already migrated to this version), and that it holds
 * conversation `id` when one is expected (trash files hold whichever conversation was deleted). A
 * message that fails validation is set aside alone (into `setAside`), not its whole conversation
 * (unless no message at all is readable: then the file is damaged as a whole). A
 * reply still marked `streaming` was cut off by a crash or a kill: it is loaded as `incomplete`,
 * keeping its partial text (and its reasoning, marked incomplete when no answer followed it).
 */
export function parseConversationFile(id: string | undefined, data: unknown): ParsedConversation {
  const shape = conversationFileShapeSchema.safeParse(data);
  if (!shape.success) {
    return { ok: false, reason: `not in the expected format (${describeIssues(shape.error)})` };
  }
  if (id !== undefined && shape.data.id !== id) {
    return { ok: false, reason: `it holds conversation "${shape.data.id}", not "${id}"` };
  }
  const messages: Message[] = [];
  const setAside = [...(shape.data.setAside ?? [])];
  const reasons: string[] = [];
  shape.data.messages.forEach((raw, index) => {
    const message = messageSchema.safeParse(raw);
    if (message.success) messages.push(settleInterrupted(message.data));
    else {
      setAside.push(raw);
      reasons.push(
        `message ${index + 1} is not in the expected format (${describeIssues(message.error, 2)})`,
      );
    }
  });
  // Not one readable message: the file as a whole is not what it should be (moved aside, as damage is).
  if (messages.length === 0 && reasons.length > 0) {
    return { ok: false, reason: `not in the expected format (${reasons.join('; ')})` };
  }
  const { setAside: _old, ...rest } = shape.data;
  const file: ConversationFile = { ...rest, messages, ...(setAside.length > 0 ? { setAside } : {}) };
  return { ok: true, file, setAside: reasons };
}

export function settleInterrupted(message: Message): Message {
  if (message.status !== 'streaming') return message;
  // Cut off while still thinking (no answer after the reasoning): the reasoning says so.
  const last = message.parts.at(-1);
  const parts =
    last?.type === 'reasoning' && !last.incomplete
      ? [...message.parts.slice(0, -1), { ...last, incomplete: true }]
      : message.parts;
  return {
    ...message,
    parts,
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
  if (previous.reasoningEffort !== undefined) summary.reasoningEffort = previous.reasoningEffort;
  if (previous.tools !== undefined) summary.tools = [...previous.tools];
  return summary;
}

/** A summary rebuilt from a conversation file alone (when the index was lost or did not list it). */
export function summaryFromFile(file: ConversationFile): ConversationSummary {
  const base: ConversationSummary = {
    id: file.id,
    title: file.title ?? NEW_CHAT_TITLE,
    createdAt: file.createdAt,
    updatedAt: file.createdAt,
    messageCount: 0,
    ...(file.profileId !== undefined ? { profileId: file.profileId } : {}),
    ...(file.chosenModel !== undefined ? { chosenModel: file.chosenModel } : {}),
    ...(file.pinned ? { pinned: true } : {}),
    ...(file.title !== undefined ? { titleEdited: true } : {}),
    ...(file.reasoningEffort !== undefined ? { reasoningEffort: file.reasoningEffort } : {}),
    ...(file.tools !== undefined ? { tools: file.tools } : {}),
  };
  return summarize(base, file.messages, lastActivity(file.createdAt, file.messages));
}

/** Whether the file records the user's title and pin (files from before those fields do not). */
export const knowsUserFields = (file: ConversationFile): boolean => file.pinned !== undefined;

/** What the user set on a conversation, as its file records it. */
export function userFieldsOf(
  summary: ConversationSummary,
): Pick<ConversationFile, 'pinned' | 'title' | 'reasoningEffort' | 'tools'> {
  return {
    pinned: summary.pinned === true,
    ...(summary.titleEdited ? { title: summary.title } : {}),
    ...(summary.reasoningEffort !== undefined ? { reasoningEffort: summary.reasoningEffort } : {}),
    ...(summary.tools !== undefined ? { tools: summary.tools } : {}),
  };
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
    a.titleEdited === b.titleEdited &&
    a.reasoningEffort === b.reasoningEffort &&
    (a.tools ?? []).join('\n') === (b.tools ?? []).join('\n')
  );
}

export function titleOf(messages: readonly Message[]): string {
  const firstUser = messages.find((m) => m.role === 'user');
  return firstUser ? titleFrom(answerText(firstUser)) : NEW_CHAT_TITLE;
}

function modelOf(messages: Message[]): string | undefined {
  return messages.findLast((m) => m.role === 'assistant' && m.model !== undefined)?.model;
}
