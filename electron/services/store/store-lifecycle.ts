import fs from 'node:fs';
import type { ConversationSummary } from '../../../shared/domain/conversation';
import { NEW_CHAT_TITLE } from './conversation-index';
import type { OpenConversation, StoreCore } from './store-core';
import { isValidId } from './store-schema';
import { writing } from './storage-error';

/** A new empty conversation, on disk (file and index) before this returns. */
export function createConversation(core: StoreCore): ConversationSummary {
  core.assertWritable();
  const id = core.newId();
  if (!isValidId(id) || core.summaries.has(id))
    throw new Error(`Cannot create a conversation with id "${id}".`);
  const filePath = core.conversationPath(id);
  if (fs.existsSync(filePath)) throw new Error(`Refusing to overwrite the existing file ${filePath}.`);
  const now = core.now();
  const file = core.openStore({ cwd: core.conversationsDir, name: id, defaults: {} });
  const conversation: OpenConversation = {
    id,
    createdAt: now,
    messages: [],
    backend: {},
    file,
    dirty: true,
    checkpointTimer: undefined,
  };
  const summary: ConversationSummary = {
    id,
    title: NEW_CHAT_TITLE,
    createdAt: now,
    updatedAt: now,
    messageCount: 0,
  };
  core.open.set(id, conversation);
  core.summaries.set(id, summary);
  try {
    core.writeConversation(conversation);
    core.writeIndexNow();
  } catch (error) {
    core.open.delete(id);
    core.summaries.delete(id);
    fs.rmSync(filePath, { force: true });
    throw error;
  }
  core.search.changed(id);
  core.indexChanged();
  return { ...summary };
}

/** Deletes for good (the file and the index entry); a pending checkpoint never recreates the file. */
export function deleteForGood(core: StoreCore, id: string): boolean {
  if (!isValidId(id) || !core.summaries.has(id)) return false;
  core.assertWritable();
  writing(core.dir, () => fs.rmSync(core.conversationPath(id), { force: true }));
  const open = core.open.get(id);
  if (open?.checkpointTimer) clearTimeout(open.checkpointTimer);
  core.open.delete(id);
  core.newer.delete(id);
  core.summaries.delete(id);
  core.search.removed(id);
  core.writeIndexOrDefer();
  core.indexChanged();
  return true;
}

/** Writes every pending checkpoint and the index now; tries all, then throws the first error. */
export function flushAll(core: StoreCore): void {
  const errors: unknown[] = [];
  for (const conversation of core.open.values()) {
    if (!conversation.dirty) continue;
    try {
      core.writeConversation(conversation);
    } catch (error) {
      errors.push(error);
    }
  }
  if (core.indexDirty) {
    try {
      core.writeIndexNow();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0 && !core.readOnly) throw errors[0];
}

/** After close: no more timers; later changes are written at once. */
export function stopTimers(core: StoreCore): void {
  core.closed = true;
  for (const conversation of core.open.values()) {
    if (conversation.checkpointTimer) clearTimeout(conversation.checkpointTimer);
    conversation.checkpointTimer = undefined;
  }
  if (core.indexTimer) clearTimeout(core.indexTimer);
  core.indexTimer = undefined;
  core.backups.cancel();
}
