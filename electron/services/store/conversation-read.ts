import path from 'node:path';
import { knowsUserFields, lastActivity, parseConversationFile, summarize } from './conversation-index';
import {
  backupFile,
  checkVersion,
  findInBackups,
  migrateConversation,
  newerPartReason,
  newerVersionReason,
  unknownPartType,
  type RawData,
} from './migrations';
import { backendOf, type OpenConversation, type ReadConversation, type StoreCore } from './store-core';
import { readStoreFile } from './store-file';
import { SCHEMA_VERSION, isValidId } from './store-schema';

const CONVERSATION_RECOVERY =
  'The damaged file was moved aside and the conversation removed from the list; other conversations are unaffected.';
const NEWER_RECOVERY =
  'The file was left untouched; this version cannot open that conversation. Everything else works as usual.';

/**
 * Reads, migrates and validates one conversation file (`conversations/<id>.json`, or
 * `trash/<trash id>.json`, which holds whichever conversation was deleted). A damaged one is moved
 * aside and reported; one from a newer version (by its version number, or a part of a kind this
 * version does not know) is reported and left exactly as it is; a message
 * that fails validation is set aside alone (kept in the file's `setAside` list) and reported.
 */
export function readConversation(
  core: StoreCore,
  name: string,
  where: 'conversations' | 'trash',
): ReadConversation {
  const folder = where === 'trash' ? core.trashDir : core.conversationsDir;
  const read = readStoreFile(core.openStore, folder, name);
  if (read.kind === 'missing') return { kind: 'missing' };
  if (read.kind === 'unparseable') {
    core.quarantine(read.path, read.reason, CONVERSATION_RECOVERY);
    return { kind: 'corrupt' };
  }
  let data = read.data;
  const version = checkVersion(data);
  if (version.kind === 'newer') {
    core.report({
      file: read.file.path,
      movedTo: read.file.path,
      reason: newerVersionReason(version.version),
      recovery: NEWER_RECOVERY,
    });
    return { kind: 'newer' };
  }
  if (version.kind === 'older') {
    // Migrated in memory; the file on disk changes with the next write, after a copy is kept.
    keepCopyOf(core, read.file.path);
    data = migrateConversation(data as RawData, version.version);
  }
  // Checked before validation, which would set such a message aside and rewrite the file.
  const newerPart = unknownPartType(data as RawData);
  if (newerPart !== undefined) {
    core.report({
      file: read.file.path,
      movedTo: read.file.path,
      reason: newerPartReason(newerPart),
      recovery: NEWER_RECOVERY,
    });
    return { kind: 'newer' };
  }
  const parsed = parseConversationFile(where === 'trash' ? undefined : name, data);
  if (!parsed.ok) {
    core.quarantine(read.file.path, parsed.reason, CONVERSATION_RECOVERY);
    return { kind: 'corrupt' };
  }
  if (parsed.setAside.length > 0) {
    // Written back at once (when allowed), so the bad messages are reported once, not at every read.
    let written = false;
    if (!core.readOnly) {
      try {
        read.file.store = parsed.file;
        written = true;
      } catch (error) {
        console.warn(`[store] could not set messages aside in ${read.file.path}`, error);
      }
    }
    const n = parsed.setAside.length;
    core.report({
      file: read.file.path,
      movedTo: read.file.path,
      reason: parsed.setAside.join('; '),
      recovery: `${n === 1 ? 'That message was' : `Those ${n} messages were`} set aside ${written ? 'in the file’s "setAside" list' : 'for this session'}; the rest of the conversation opens as usual.`,
    });
  }
  return { kind: 'ok', file: read.file, data: parsed.file };
}

/** Before an older file is rewritten in this version's format: a copy, unless a backup already has one. */
export function keepCopyOf(core: StoreCore, file: string): void {
  if (core.readOnly) return;
  const relative = path.relative(core.dir, file);
  if (findInBackups(core.dir, relative, SCHEMA_VERSION)) return;
  core.backupDir = backupFile(core.dir, relative, SCHEMA_VERSION, core.now(), core.backupDir);
}

/** The open conversation, reading it on first use; undefined for unknown ids (never a path built from them). */
export function openConversation(core: StoreCore, id: string): OpenConversation | undefined {
  if (!isValidId(id) || !core.summaries.has(id) || core.newer.has(id)) return undefined;
  const open = core.open.get(id);
  if (open) return open;
  const read = core.readConversation(id);
  if (read.kind === 'newer') {
    // Still listed (the index is ours), but never loaded: writing it would lose what this version does not know.
    core.newer.add(id);
    return undefined;
  }
  if (read.kind !== 'ok') {
    if (read.kind === 'missing')
      console.warn(`[store] conversation ${id} has no file; removed from the list`);
    core.summaries.delete(id);
    core.search.removed(id);
    core.writeIndexOrDefer();
    core.indexChanged();
    return undefined;
  }
  const conversation: OpenConversation = {
    id,
    createdAt: read.data.createdAt,
    messages: read.data.messages,
    backend: backendOf(read.data),
    ...(read.data.setAside ? { setAside: read.data.setAside } : {}),
    file: read.file,
    dirty: false,
    checkpointTimer: undefined,
  };
  core.open.set(id, conversation);
  // The index is written lazily, so after a crash it may lag behind the file: catch it up.
  const previous = core.summaries.get(id);
  if (previous) {
    const updatedAt = Math.max(
      previous.updatedAt,
      lastActivity(conversation.createdAt, conversation.messages),
    );
    const next = summarize(previous, conversation.messages, updatedAt);
    // The title, pin and effort are written to the file before the index: the file wins when they disagree.
    if (knowsUserFields(read.data)) {
      const { pinned: _p, titleEdited: _t, reasoningEffort: _e, tools: _tools, ...rest } = next;
      const title = read.data.title ?? next.title;
      const fromFile = summarize(
        {
          ...rest,
          title,
          ...(read.data.pinned ? { pinned: true } : {}),
          ...(read.data.title !== undefined ? { titleEdited: true } : {}),
          ...(read.data.reasoningEffort !== undefined ? { reasoningEffort: read.data.reasoningEffort } : {}),
          ...(read.data.tools !== undefined ? { tools: read.data.tools } : {}),
        },
        conversation.messages,
        updatedAt,
      );
      core.setSummary(fromFile);
    } else core.setSummary(next);
  }
  return conversation;
}
