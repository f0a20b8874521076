import fs from 'node:fs';
import type { Conversation, ConversationSummary, Message } from '../../../shared/domain/conversation';
import {
  exportConversationsFile,
  parseConversationsImport,
  type ConversationExportFormat,
} from '../../../shared/domain/conversation-export';
import { userError } from '../../../shared/domain/errors';
import type { ExportedFile } from '../../../shared/domain/exported-file';
import type { ImportReport } from '../../../shared/domain/library';
import { AppError } from '../app-error';
import { lastActivity, settleInterrupted, summarize, titleOf } from './conversation-index';
import { backendOf, type StoreCore } from './store-core';
import { isValidId, SCHEMA_VERSION } from './store-schema';

/** Conversations read per turn of the event loop while exporting many. */
const EXPORT_BATCH = 50;

/**
 * Export and import. Export reads each conversation without keeping it in memory; import checks the
 * whole file first, then writes new files only (an id in use gets a fresh one) and the index last,
 * so a failure anywhere leaves the store as it was.
 */
export async function exportConversations(
  core: StoreCore,
  ids: readonly string[] | undefined,
  format: ConversationExportFormat,
): Promise<ExportedFile> {
  const chosen = [...new Set(ids ?? core.ordered().map((s) => s.id))];
  const unknown = chosen.filter((id) => !isValidId(id) || !core.summaries.has(id));
  if (unknown.length > 0) {
    throw new AppError(
      userError(
        'not-found',
        `${unknown.length === 1 ? 'One of the chosen conversations no longer exists' : `${unknown.length} of the chosen conversations no longer exist`}.`,
        'Choose the conversations again.',
      ),
    );
  }
  const conversations: Conversation[] = [];
  for (let i = 0; i < chosen.length; i++) {
    const conversation = peek(core, chosen[i]!);
    if (conversation) conversations.push(conversation);
    if ((i + 1) % EXPORT_BATCH === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return exportConversationsFile(conversations, format, core.now());
}

/** A conversation as it is now (memory if open, else its file), without opening it for good. */
export function peek(core: StoreCore, id: string): Conversation | undefined {
  const summary = core.summaries.get(id);
  if (!summary || core.newer.has(id)) return undefined;
  const open = core.open.get(id);
  if (open) return { ...summary, messageCount: open.messages.length, messages: open.messages };
  const read = core.readConversation(id);
  if (read.kind === 'ok')
    return { ...summary, messageCount: read.data.messages.length, messages: read.data.messages };
  if (read.kind === 'newer') core.newer.add(id);
  else {
    core.summaries.delete(id);
    core.search.removed(id);
    core.writeIndexOrDefer();
    core.indexChanged();
  }
  return undefined;
}

interface Planned {
  id: string;
  source: Conversation;
  messages: Message[];
}

export function importConversations(core: StoreCore, text: string): ImportReport {
  core.assertWritable();
  const parsed = parseConversationsImport(text);
  if (!parsed.ok) {
    throw new AppError(
      userError(
        'invalid-input',
        parsed.reason,
        'Nothing was imported. Choose a JSON export of Local LLM Desk.',
      ),
    );
  }
  // Ids in the trash stay reserved, so restoring there never collides with an import.
  const taken = new Set([...core.summaries.keys(), ...[...core.trash.values()].map((e) => e.conversationId)]);
  const planned: Planned[] = [];
  let renamed = 0;
  let skipped = 0;
  for (const source of parsed.conversations) {
    const messages = source.messages.map(settleInterrupted);
    if (core.summaries.has(source.id) && sameConversation(peek(core, source.id), source.title, messages)) {
      skipped++;
      continue;
    }
    let id = source.id;
    if (!isValidId(id) || taken.has(id) || fs.existsSync(core.conversationPath(id))) {
      id = freshId(core, taken);
      renamed++;
    }
    taken.add(id);
    planned.push({ id, source, messages });
  }

  const written: string[] = [];
  const imported: ConversationSummary[] = [];
  try {
    for (const plan of planned) {
      core.createFile(core.conversationsDir, plan.id, {
        schemaVersion: SCHEMA_VERSION,
        id: plan.id,
        createdAt: plan.source.createdAt,
        messages: plan.messages,
        ...backendOf(plan.source),
      });
      written.push(plan.id);
      imported.push(importedSummary(plan));
    }
    for (const summary of imported) core.summaries.set(summary.id, summary);
    core.writeIndexNow();
  } catch (error) {
    for (const id of written) {
      core.summaries.delete(id);
      fs.rmSync(core.conversationPath(id), { force: true });
    }
    throw error;
  }
  for (const summary of imported) core.search.changed(summary.id);
  if (imported.length > 0) core.indexChanged();
  return { imported: imported.map((s) => ({ ...s })), renamed, ...(skipped > 0 ? { skipped } : {}) };
}

function importedSummary({ id, source, messages }: Planned): ConversationSummary {
  const base: ConversationSummary = {
    id,
    title: source.title,
    createdAt: source.createdAt,
    updatedAt: source.updatedAt,
    messageCount: 0,
    ...backendOf(source),
    ...(source.pinned ? { pinned: true } : {}),
    // A title that is not the automatic one was chosen by someone: keep it.
    ...(source.titleEdited || source.title !== titleOf(messages) ? { titleEdited: true } : {}),
  };
  return summarize(base, messages, Math.max(source.updatedAt, lastActivity(source.createdAt, messages)));
}

function sameConversation(existing: Conversation | undefined, title: string, messages: Message[]): boolean {
  return (
    existing !== undefined &&
    existing.title === title &&
    JSON.stringify(existing.messages) === JSON.stringify(messages)
  );
}

function freshId(core: StoreCore, taken: Set<string>): string {
  for (let attempt = 0; attempt < 5; attempt++) {
    const id = core.newId();
    if (isValidId(id) && !taken.has(id) && !fs.existsSync(core.conversationPath(id))) return id;
  }
  throw new Error('Could not find a free conversation id.');
}
