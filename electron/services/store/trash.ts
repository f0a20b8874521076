import fs from 'node:fs';
import type { ConversationSummary, Message } from '../../../shared/domain/conversation';
import { userError } from '../../../shared/domain/errors';
import type { TrashItem } from '../../../shared/domain/library';
import { AppError } from '../app-error';
import { lastActivity, summarize, userFieldsOf } from './conversation-index';
import { backendOf, type StoreCore } from './store-core';
import type { TrashEntry } from './store-schema';
import { isValidId } from './store-schema';

/**
 * The trash: the index records each item (kind, when, the summary as it was); its messages are a
 * conversation file in `trash/<trash id>.json`. Moving a conversation there is a rename, so it costs
 * the same for ten messages or ten thousand. Every operation writes the index first and then moves
 * the file; loading finishes a move a crash interrupted (see store-load.ts).
 */

export const toTrashItem = (entry: TrashEntry): TrashItem => ({
  id: entry.id,
  kind: entry.kind,
  conversationId: entry.conversationId,
  title: entry.summary.title,
  deletedAt: entry.deletedAt,
  messageCount: entry.messageCount,
});

/** Newest first. */
export const trashItems = (core: StoreCore): TrashItem[] =>
  [...core.trash.values()]
    .sort((a, b) => b.deletedAt - a.deletedAt || a.id.localeCompare(b.id))
    .map(toTrashItem);

const notInTrash = (): AppError =>
  new AppError(
    userError(
      'not-found',
      'That item is no longer in the trash.',
      'Refresh the trash; it may have been emptied.',
    ),
  );

function newTrashId(core: StoreCore): string {
  const id = core.newId();
  if (!isValidId(id) || core.trash.has(id) || fs.existsSync(core.trashPath(id)))
    throw new Error(`Cannot create a trash item with id "${id}".`);
  return id;
}

/** Moves a conversation to the trash; undefined if there is no such conversation. */
export function moveToTrash(core: StoreCore, id: string): TrashItem | undefined {
  if (!isValidId(id) || !core.summaries.has(id)) return undefined;
  core.assertWritable();
  const summary = core.summaries.get(id)!;
  const open = core.open.get(id);
  const onDisk = fs.existsSync(core.conversationPath(id));
  // The trash keeps the latest text: a pending checkpoint is written before the file moves.
  if (open && (open.dirty || !onDisk)) core.writeConversation(open);
  else if (!onDisk) {
    core.conversation(id); // its file is gone: this drops it from the list, as opening it would
    return undefined;
  }
  const entry: TrashEntry = {
    id: newTrashId(core),
    kind: 'conversation',
    conversationId: id,
    deletedAt: core.now(),
    messageCount: summary.messageCount,
    summary: { ...summary },
  };
  core.summaries.delete(id);
  core.trash.set(entry.id, entry);
  const undo = () => {
    core.summaries.set(id, summary);
    core.trash.delete(entry.id);
  };
  writeIndexOrUndo(core, undo);
  try {
    fs.mkdirSync(core.trashDir, { recursive: true });
    fs.renameSync(core.conversationPath(id), core.trashPath(entry.id));
  } catch (error) {
    undo();
    core.writeIndexOrDefer();
    throw error;
  }
  if (open?.checkpointTimer) clearTimeout(open.checkpointTimer);
  core.open.delete(id);
  core.newer.delete(id);
  core.search.removed(id);
  core.indexChanged();
  core.trashChanged();
  return toTrashItem(entry);
}

/**
 * Brings an item back. A deleted conversation returns exactly as it was, under its own id. The
 * turns an edit replaced return as a new conversation "<title> (earlier version)" holding the whole
 * conversation as it was before the edit (so nothing is merged into the conversation that went on).
 */
export function restore(core: StoreCore, trashId: string): ConversationSummary {
  const entry = isValidId(trashId) ? core.trash.get(trashId) : undefined;
  if (!entry) throw notInTrash();
  core.assertWritable();
  if (entry.kind === 'conversation' && !core.summaries.has(entry.conversationId))
    return restoreInPlace(core, entry);
  return restoreAsCopy(core, entry);
}

function restoreInPlace(core: StoreCore, entry: TrashEntry): ConversationSummary {
  const id = entry.conversationId;
  if (fs.existsSync(core.conversationPath(id)))
    throw new Error(`Refusing to overwrite ${core.conversationPath(id)}.`);
  core.summaries.set(id, entry.summary);
  core.trash.delete(entry.id);
  const undo = () => {
    core.summaries.delete(id);
    core.trash.set(entry.id, entry);
  };
  writeIndexOrUndo(core, undo);
  try {
    fs.renameSync(core.trashPath(entry.id), core.conversationPath(id));
  } catch (error) {
    undo();
    core.writeIndexOrDefer();
    throw error;
  }
  core.search.changed(id);
  core.indexChanged();
  core.trashChanged();
  return { ...entry.summary };
}

function restoreAsCopy(core: StoreCore, entry: TrashEntry): ConversationSummary {
  const read = core.readConversation(entry.id, 'trash');
  if (read.kind !== 'ok') {
    // Damaged (moved aside and reported) or from a newer version: it cannot come back.
    if (read.kind !== 'newer') {
      core.trash.delete(entry.id);
      core.writeIndexOrDefer();
      core.trashChanged();
    }
    throw new AppError(
      userError(
        'store-damaged',
        'That item could not be read, so it cannot be restored.',
        'See the reported problem for the file.',
      ),
    );
  }
  const id = core.newId();
  if (!isValidId(id) || core.summaries.has(id))
    throw new Error(`Cannot create a conversation with id "${id}".`);
  // The copy is a new conversation: its own title and no pin, whatever the old file recorded.
  const { title: _title, pinned: _pin, ...content } = read.data;
  const data = { ...content, id };
  const { pinned: _pinned, titleEdited, profileId: _profile, chosenModel: _model, ...rest } = entry.summary;
  const earlier = entry.kind === 'turns';
  const base: ConversationSummary = {
    ...rest,
    id,
    title: earlier ? `${entry.summary.title} (earlier version)` : entry.summary.title,
    ...(earlier || titleEdited ? { titleEdited: true } : {}),
    ...backendOf(read.data),
  };
  const summary = summarize(
    base,
    data.messages,
    Math.max(core.now(), lastActivity(data.createdAt, data.messages)),
  );
  core.createFile(core.conversationsDir, id, { ...data, ...userFieldsOf(summary) });
  core.summaries.set(id, summary);
  core.trash.delete(entry.id);
  writeIndexOrUndo(core, () => {
    core.summaries.delete(id);
    core.trash.set(entry.id, entry);
    fs.rmSync(core.conversationPath(id), { force: true });
  });
  fs.rmSync(core.trashPath(entry.id), { force: true });
  core.search.changed(id);
  core.indexChanged();
  core.trashChanged();
  return { ...summary };
}

/** Deletes one item for good; false if it is not in the trash. */
export function purge(core: StoreCore, trashId: string): boolean {
  const entry = isValidId(trashId) ? core.trash.get(trashId) : undefined;
  if (!entry) return false;
  core.assertWritable();
  core.trash.delete(trashId);
  writeIndexOrUndo(core, () => core.trash.set(trashId, entry));
  // After the index: a crash in between leaves a file that is listed in the trash again, not lost data.
  fs.rmSync(core.trashPath(trashId), { force: true });
  core.trashChanged();
  return true;
}

/** Deletes everything in the trash for good; returns how many items there were. */
export function emptyTrash(core: StoreCore): number {
  core.assertWritable();
  const entries = [...core.trash.values()];
  if (entries.length === 0) return 0;
  core.trash.clear();
  writeIndexOrUndo(core, () => {
    for (const entry of entries) core.trash.set(entry.id, entry);
  });
  for (const entry of entries) fs.rmSync(core.trashPath(entry.id), { force: true });
  core.trashChanged();
  return entries.length;
}

export interface ReplacedTurns {
  /** The trash item that keeps the conversation as it was, until the trash is emptied. */
  trashId: string;
  /** The user message and everything after it, as they were. */
  removed: Message[];
}

/**
 * For edit-and-resend: removes user message `messageId` and everything after it. The conversation
 * as it was is kept first as a `turns` trash item (restoring it gives a new "(earlier version)"
 * conversation), then the shortened conversation is written; a failure leaves it unchanged.
 */
export function replaceTurnsFrom(core: StoreCore, conversationId: string, messageId: string): ReplacedTurns {
  const conversation = core.mutable(conversationId);
  const index = conversation.messages.findIndex((m) => m.id === messageId);
  const target = conversation.messages[index];
  if (!target) {
    throw new AppError(
      userError('not-found', 'That message is no longer in the conversation.', 'Reload the conversation.'),
    );
  }
  if (target.role !== 'user') {
    throw new AppError(
      userError(
        'invalid-input',
        'Only your own messages can be edited and sent again.',
        'Pick one of your messages.',
      ),
    );
  }
  const summary = core.summaries.get(conversationId)!;
  const trashId = newTrashId(core);
  const removed = conversation.messages.slice(index);
  fs.mkdirSync(core.trashDir, { recursive: true });
  core.createFile(core.trashDir, trashId, core.fileData(conversation));
  const entry: TrashEntry = {
    id: trashId,
    kind: 'turns',
    conversationId,
    deletedAt: core.now(),
    messageCount: removed.length,
    summary: { ...summary },
  };
  core.trash.set(trashId, entry);
  const undo = () => {
    core.trash.delete(trashId);
    fs.rmSync(core.trashPath(trashId), { force: true });
  };
  writeIndexOrUndo(core, undo);
  try {
    core.replaceMessages(conversation, conversation.messages.slice(0, index));
  } catch (error) {
    undo();
    core.writeIndexOrDefer();
    throw error;
  }
  core.trashChanged();
  return { trashId, removed: structuredClone(removed) };
}

/** The index is the record of truth: write it now, and put memory back as it was if that fails. */
function writeIndexOrUndo(core: StoreCore, undo: () => void): void {
  try {
    core.writeIndexNow();
  } catch (error) {
    undo();
    throw error;
  }
}
