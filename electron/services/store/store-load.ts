import fs from 'node:fs';
import path from 'node:path';
import { userError } from '../../../shared/domain/errors';
import { knowsUserFields, summarize, summaryFromFile } from './conversation-index';
import { rollBackInterruptedImport } from './library-io';
import { loadProfiles } from './profiles-file';
import { backupTime } from './rolling-backups';
import {
  backupBeforeMigration,
  checkVersion,
  migrateIndex,
  newerVersionReason,
  upToDate,
  type RawData,
} from './migrations';
import type { StoreCore } from './store-core';
import { INDEX_NAME } from './store-core';
import { moveAside, readStoreFile, type RawFile } from './store-file';
import {
  conversationFileName,
  describeIssues,
  indexFileSchema,
  SCHEMA_VERSION,
  storedSettingsSchema,
  type IndexFile,
  type StoredSettings,
} from './store-schema';

const newerIndexError = userError(
  'not-supported',
  'This data folder was saved by a newer version of the app, so this version only reads it.',
  'Update the app to make changes; nothing here was changed.',
);

/**
 * Opens the data folder: reads the index (only the index, when it is sound), migrates an older one
 * after copying the data, opens a newer one read-only, replaces a damaged one with the newest valid
 * rolling backup brought up to date from the conversation files (or rebuilds it from them alone),
 * reads the profiles, rolls back an interrupted import, and reconciles the index with the folders
 * (finishing a move to or from the trash that a crash interrupted).
 */
export function loadStore(core: StoreCore): void {
  fs.mkdirSync(core.conversationsDir, { recursive: true });
  sweepTempFiles(core, core.dir);
  const read = readStoreFile(core.openStore, core.dir, INDEX_NAME);
  let damage: string | undefined;
  let salvaged: StoredSettings | undefined;
  let changed = false;
  if (read.kind === 'ok') {
    let data = read.data;
    const version = checkVersion(data);
    if (version.kind === 'newer') {
      openNewerIndex(core, read.file, data as RawData, version.version);
      loadProfiles(core);
      return;
    }
    if (version.kind === 'older') {
      data = migrateOlderIndex(core, data as RawData, version.version);
      changed = true;
    }
    const parsed = indexFileSchema.safeParse(data);
    if (parsed.success) {
      adopt(core, parsed.data);
      core.indexFile = read.file;
    } else {
      damage = `not in the expected format (${describeIssues(parsed.error)})`;
      const settings = storedSettingsSchema.safeParse((data as { settings?: unknown } | null)?.settings);
      if (settings.success) salvaged = settings.data;
    }
  } else if (read.kind === 'unparseable') {
    damage = read.reason;
  } else {
    core.indexFile = read.file;
  }

  let movedTo = '';
  let restored: { at: number; data: IndexFile } | undefined;
  if (damage !== undefined) {
    movedTo = core.readOnly ? core.indexPath : moveAside(core.indexPath, core.now());
    core.indexFile = core.openStore<RawFile>({ cwd: core.dir, name: INDEX_NAME, defaults: {} });
    // The newest valid backup first (titles, pins, the trash, settings), then the files on top of it.
    restored = core.backups.newestValid(
      'index.json',
      (d) => indexFileSchema.safeParse(upToDate(d, migrateIndex)).data,
    );
    if (restored) adopt(core, restored.data);
    else if (salvaged) core.settings = salvaged;
  }
  loadProfiles(core);
  rollBackInterruptedImport(core);

  changed = reconcile(core) || changed;
  if (restored) bringUpToDate(core);
  if (damage !== undefined || changed || read.kind === 'missing') core.writeIndexNow();
  core.backups.schedule();

  if (damage !== undefined) {
    const count = core.summaries.size;
    const files = `${count} conversation file${count === 1 ? '' : 's'}`;
    const settings = restored
      ? 'settings and the trash list were restored from that backup'
      : salvaged
        ? 'settings were recovered from the damaged file'
        : 'settings fell back to their defaults';
    const profiles = core.profiles
      ? ' The backend profiles are kept in profiles.json and were not affected.'
      : '';
    core.report({
      file: core.indexPath,
      movedTo,
      reason: damage,
      recovery: restored
        ? `The conversation list was restored from the backup of ${backupTime(restored.at)} and brought up to date from ${files}; ${settings}.${profiles}`
        : `The conversation list was rebuilt from ${files}; ${settings}.${profiles}`,
    });
  }
}

/**
 * After a restore from a backup: every listed conversation is read once, and what its file records
 * (title, pin, backend, messages) wins over the older backup; files from before those fields keep
 * the backup's title and pin.
 */
export function bringUpToDate(core: StoreCore): void {
  for (const [id, listed] of [...core.summaries]) {
    const read = core.readConversation(id);
    if (read.kind !== 'ok') {
      if (read.kind === 'newer') core.newer.add(id);
      else core.summaries.delete(id);
      continue;
    }
    const fromFile = summaryFromFile(read.data);
    const userFields = knowsUserFields(read.data)
      ? {}
      : {
          title: listed.title,
          ...(listed.pinned ? { pinned: true } : {}),
          ...(listed.titleEdited ? { titleEdited: true } : {}),
        };
    const updatedAt = Math.max(listed.updatedAt, fromFile.updatedAt);
    core.summaries.set(id, summarize({ ...fromFile, ...userFields }, read.data.messages, updatedAt));
  }
}

function adopt(core: StoreCore, index: IndexFile): void {
  core.settings = index.settings;
  for (const [id, summary] of Object.entries(index.conversations)) core.summaries.set(id, summary);
  for (const [id, entry] of Object.entries(index.trash)) core.trash.set(id, entry);
}

/**
 * Copies the data first, then migrates the index in memory (written by the caller). If the copy
 * cannot be made, nothing is changed: the folder is opened read-only with the data migrated in memory.
 */
function migrateOlderIndex(core: StoreCore, data: RawData, from: number): RawData {
  const at = core.now();
  try {
    const backupDir = backupBeforeMigration(core.dir, SCHEMA_VERSION, at);
    core.backupDir = backupDir;
    core.migrations.push({ from, to: SCHEMA_VERSION, backupDir, at });
    console.info(
      `[store] upgrading the data from version ${from} to ${SCHEMA_VERSION}; a copy is in ${backupDir}`,
    );
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    core.readOnly = userError(
      'store-damaged',
      'The data could not be copied before upgrading it to this version, so nothing was changed.',
      'Free some disk space (or fix the folder permissions) and restart the app.',
      { detail },
    );
    core.report({
      file: core.indexPath,
      movedTo: core.indexPath,
      reason: `the copy before upgrading from data version ${from} failed (${detail})`,
      recovery: 'Nothing was changed; the app opened the data read-only until the copy can be made.',
    });
  }
  return migrateIndex(data, from);
}

/**
 * An index from a newer version is never written: the store opens read-only, with what this
 * version understands of it (newer versions add fields), or the list rebuilt from the files.
 */
function openNewerIndex(core: StoreCore, file: StoreCore['indexFile'], data: RawData, version: number): void {
  core.readOnly = newerIndexError;
  core.indexFile = file;
  const asOurs = { ...data, schemaVersion: SCHEMA_VERSION };
  const parsed =
    indexFileSchema.safeParse(asOurs).data ?? indexFileSchema.safeParse({ ...asOurs, trash: {} }).data;
  if (parsed) adopt(core, parsed);
  else {
    const settings = storedSettingsSchema.safeParse(data.settings);
    if (settings.success) core.settings = settings.data;
  }
  reconcile(core);
  core.report({
    file: core.indexPath,
    movedTo: core.indexPath,
    reason: newerVersionReason(version),
    recovery:
      'The file was left untouched and the app opened this data read-only: conversations can be read, but nothing is saved until the app is updated.',
  });
}

/** A write's temporary file (`<name>.json.tmp-<time><random>`), left behind when the process was killed mid-write. */
const tempFile = /\.json\.tmp-\d{10}[a-f0-9]{6}$/;
/**
 * Older than this, a temporary file belongs to no write still going on: writes are synchronous and
 * take milliseconds, so this only spares another process's write in flight at this very moment.
 */
const STALE_TEMP_MS = 5_000;

/**
 * The ids of `<id>.json` files in a folder (moved-aside and temporary files have extra dots).
 * Writable: stale temporary files of writes a kill interrupted are removed (the real file is whole).
 */
function idsIn(core: StoreCore, folder: string): Set<string> {
  const ids = new Set<string>();
  if (!fs.existsSync(folder)) return ids;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const id = conversationFileName.exec(entry.name)?.[1];
    if (id !== undefined) ids.add(id);
    else if (!core.readOnly && tempFile.test(entry.name)) removeIfStale(core, path.join(folder, entry.name));
  }
  return ids;
}

/** The data folder's own temporary files (`index.json.tmp-…`, `profiles.json.tmp-…`), swept at start. */
function sweepTempFiles(core: StoreCore, folder: string): void {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    if (entry.isFile() && tempFile.test(entry.name)) removeIfStale(core, path.join(folder, entry.name));
  }
}

function removeIfStale(core: StoreCore, file: string): void {
  try {
    if (Date.now() - fs.statSync(file).mtimeMs > STALE_TEMP_MS) fs.rmSync(file, { force: true });
  } catch {
    // gone meanwhile, or not ours to remove: harmless either way
  }
}

/** Makes the index match the folders; the trash first, since it decides where a moved file belongs. */
function reconcile(core: StoreCore): boolean {
  const onDisk = idsIn(core, core.conversationsDir);
  const trashChanged = reconcileTrash(core, onDisk);
  return reconcileConversations(core, onDisk) || trashChanged;
}

/**
 * Entries whose file is gone are dropped, files the index does not list (a lost or rebuilt index,
 * a crash between writes) are read and added.
 */
function reconcileConversations(core: StoreCore, onDisk: Set<string>): boolean {
  let changed = false;
  for (const id of [...core.summaries.keys()]) {
    if (onDisk.has(id)) continue;
    console.warn(`[store] conversation ${id} is listed but its file is missing; removed from the list`);
    core.summaries.delete(id);
    changed = true;
  }
  for (const id of onDisk) {
    if (core.summaries.has(id)) continue;
    const read = core.readConversation(id);
    if (read.kind !== 'ok') continue;
    core.summaries.set(id, summaryFromFile(read.data));
    changed = true;
  }
  return changed;
}

/**
 * Moves to and from the trash write the index first, then rename the file. After a crash between
 * the two, the index says where the file belongs: the move is finished here. A trash file the index
 * does not know (a crash before its index write, or during a purge) is listed in the trash again
 * rather than deleted on a guess.
 */
function reconcileTrash(core: StoreCore, onDisk: Set<string>): boolean {
  const inTrash = idsIn(core, core.trashDir);
  let changed = false;
  for (const [trashId, entry] of [...core.trash]) {
    if (inTrash.has(trashId)) continue;
    const id = entry.conversationId;
    if (entry.kind === 'conversation' && onDisk.has(id) && !core.summaries.has(id) && !core.readOnly) {
      fs.mkdirSync(core.trashDir, { recursive: true });
      fs.renameSync(core.conversationPath(id), core.trashPath(trashId));
      onDisk.delete(id);
      continue;
    }
    console.warn(`[store] trash item ${trashId} has no file; removed from the trash`);
    core.trash.delete(trashId);
    changed = true;
  }
  const known = new Set([...core.trash.values()].map((e) => e.id));
  for (const trashId of inTrash) {
    if (known.has(trashId)) continue;
    const read = core.readConversation(trashId, 'trash');
    if (read.kind !== 'ok') continue;
    const id = read.data.id;
    if (core.summaries.has(id) && !onDisk.has(id) && !core.readOnly) {
      fs.renameSync(core.trashPath(trashId), core.conversationPath(id));
      onDisk.add(id);
      continue;
    }
    const summary = summaryFromFile(read.data);
    core.trash.set(trashId, {
      id: trashId,
      // A copy of a conversation that still exists is an earlier version of it.
      kind: core.summaries.has(id) || onDisk.has(id) ? 'turns' : 'conversation',
      conversationId: id,
      deletedAt: fs.statSync(path.join(core.trashDir, `${trashId}.json`)).mtimeMs,
      messageCount: summary.messageCount,
      summary,
    });
    changed = true;
  }
  return changed;
}
