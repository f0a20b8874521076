import fs from 'node:fs';
import path from 'node:path';
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
import { checkedImportAttachments, embeddedAttachments, storeImportAttachments } from './export-attachments';
import { lastActivity, settleInterrupted, summarize, titleOf, userFieldsOf } from './conversation-index';
import type { RawFile } from './store-file';
import { backendOf, type StoreCore } from './store-core';
import { isValidId, SCHEMA_VERSION } from './store-schema';

/** `<data>/import-journal.json`: the files of an import not yet committed. */
export const IMPORT_JOURNAL = 'import-journal';

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
  const attachments = format === 'json' ? embeddedAttachments(core, conversations) : {};
  return exportConversationsFile(conversations, format, core.now(), attachments);
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
  const attachments = checkedImportAttachments(parsed.conversations, parsed.attachments ?? {});
  // Ids in the trash stay reserved, so restoring there never collides with an import.
  const taken = new Set([...core.summaries.keys(), ...[...core.trash.values()].map((e) => e.conversationId)]);
  const planned: Planned[] = [];
  let renamed = 0;
  let skipped = 0;
  for (const source of parsed.conversations) {
    const messages = source.messages.map(settleInterrupted);
    if (alreadyHere(core, source, messages)) {
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

  const imported = planned.map(importedSummary);
  // Before the conversations: an import cut short leaves at most attachments nothing references
  // (cleaned up with the trash), never a conversation pointing at nothing.
  storeImportAttachments(core, attachments);
  commitImport(core, planned, imported);
  for (const summary of imported) core.search.changed(summary.id);
  if (imported.length > 0) core.indexChanged();
  return { imported: imported.map((s) => ({ ...s })), renamed, ...(skipped > 0 ? { skipped } : {}) };
}

/**
 * All or nothing, even across a crash: the journal names the new files before any is written, the
 * index lists them all in one atomic write (the commit), then the journal goes. At start-up a journal
 * still there means the import did not finish: its files that the index does not list are removed
 * (`rollBackInterruptedImport`), so importing the same file again never duplicates anything.
 */
function commitImport(core: StoreCore, planned: Planned[], imported: ConversationSummary[]): void {
  if (planned.length === 0) return;
  const journal = core.openStore<RawFile>({ cwd: core.dir, name: IMPORT_JOURNAL, defaults: {} });
  journal.store = { ids: planned.map((p) => p.id) };
  const written: string[] = [];
  try {
    planned.forEach((plan, i) => {
      const summary = imported[i]!;
      core.createFile(core.conversationsDir, plan.id, {
        schemaVersion: SCHEMA_VERSION,
        id: plan.id,
        createdAt: plan.source.createdAt,
        messages: plan.messages,
        ...backendOf(plan.source),
        ...userFieldsOf(summary),
      });
      written.push(plan.id);
    });
    for (const summary of imported) core.summaries.set(summary.id, summary);
    core.writeIndexNow();
  } catch (error) {
    for (const id of written) {
      core.summaries.delete(id);
      fs.rmSync(core.conversationPath(id), { force: true });
    }
    fs.rmSync(journal.path, { force: true });
    throw error;
  }
  fs.rmSync(journal.path, { force: true });
}

/** At start-up, before the folders are reconciled: undoes an import a crash cut short (see `commitImport`). */
export function rollBackInterruptedImport(core: StoreCore): void {
  const file = path.join(core.dir, `${IMPORT_JOURNAL}.json`);
  if (core.readOnly || !fs.existsSync(file)) return;
  let ids: unknown;
  try {
    ids = (JSON.parse(fs.readFileSync(file, 'utf8')) as { ids?: unknown }).ids;
  } catch {
    ids = undefined; // cut off while being written: no conversation file was written yet
  }
  let removed = 0;
  for (const id of Array.isArray(ids) ? ids : []) {
    if (!isValidId(id) || core.summaries.has(id)) continue;
    fs.rmSync(core.conversationPath(id), { force: true });
    removed++;
  }
  fs.rmSync(file, { force: true });
  if (removed === 0) return;
  core.report({
    file,
    movedTo: file,
    reason: 'an import was interrupted (the app closed before it finished)',
    recovery: `Nothing of it was kept (${removed} unfinished conversation file${removed === 1 ? '' : 's'} removed); import the file again.`,
  });
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
    ...(source.reasoningEffort !== undefined ? { reasoningEffort: source.reasoningEffort } : {}),
    // A title that is not the automatic one was chosen by someone: keep it.
    ...(source.titleEdited || source.title !== titleOf(messages) ? { titleEdited: true } : {}),
  };
  return summarize(base, messages, Math.max(source.updatedAt, lastActivity(source.createdAt, messages)));
}

/**
 * The same conversation is already listed: under its own id, or under the fresh id an earlier import
 * gave it (found by creation time and size first, so only likely matches are read).
 */
function alreadyHere(core: StoreCore, source: Conversation, messages: Message[]): boolean {
  const same = (id: string) => {
    const existing = peek(core, id);
    return (
      existing !== undefined &&
      existing.title === source.title &&
      JSON.stringify(existing.messages) === JSON.stringify(messages)
    );
  };
  if (core.summaries.has(source.id) && same(source.id)) return true;
  return [...core.summaries.values()].some(
    (s) =>
      s.id !== source.id &&
      s.createdAt === source.createdAt &&
      s.messageCount === messages.length &&
      s.title === source.title &&
      same(s.id),
  );
}

function freshId(core: StoreCore, taken: Set<string>): string {
  for (let attempt = 0; attempt < 5; attempt++) {
    const id = core.newId();
    if (isValidId(id) && !taken.has(id) && !fs.existsSync(core.conversationPath(id))) return id;
  }
  throw new Error('Could not find a free conversation id.');
}
