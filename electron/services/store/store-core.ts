import fs from 'node:fs';
import path from 'node:path';
import type { ConversationSummary, Message } from '../../../shared/domain/conversation';
import { userError, type UserError } from '../../../shared/domain/errors';
import type { StoreProblem } from '../../../shared/domain/store-problem';
import { AppError, conversationNotFound } from '../app-error';
import { lastActivity, parseConversationFile, sameSummary, summarize } from './conversation-index';
import type { KeyValueFile, OpenStore } from './kv-store';
import {
  backupFile,
  checkVersion,
  findInBackups,
  migrateConversation,
  newerVersionReason,
  type MigrationRecord,
  type RawData,
} from './migrations';
import { SearchIndex } from './search-index';
import { readSearchable } from './search-source';
import { moveAside, readStoreFile, type RawFile } from './store-file';
import {
  isValidId,
  SCHEMA_VERSION,
  type ConversationFile,
  type IndexFile,
  type StoredSettings,
  type TrashEntry,
} from './store-schema';

/** Which backend a conversation talks to; both absent means the default profile and its model. */
export interface ConversationBackend {
  profileId?: string;
  chosenModel?: string;
}

export const backendOf = (source: ConversationBackend): ConversationBackend => ({
  ...(source.profileId !== undefined ? { profileId: source.profileId } : {}),
  ...(source.chosenModel !== undefined ? { chosenModel: source.chosenModel } : {}),
});

export interface ConversationStoreOptions {
  /** Data folder; index at `<dir>/index.json`, conversations at `<dir>/conversations/<id>.json`. */
  dir: string;
  openStore: OpenStore;
  /** Max delay of a streaming checkpoint write (default 1000). */
  checkpointMs?: number;
  /** Coalescing of index writes (default 250). */
  indexWriteDelayMs?: number;
  now?: () => number;
  newId?: () => string;
  /** Called for every file moved aside (or left alone because a newer version made it). */
  onProblem?: (problem: StoreProblem) => void;
  /** Called synchronously whenever the list of summaries changes. */
  onIndexChanged?: () => void;
  /**
   * Reads a conversation file's text for the search index (default: `fs.promises.readFile`).
   * Asynchronous, so building the index never blocks the main process on disk.
   */
  readText?: (file: string) => Promise<string>;
}

type Timer = ReturnType<typeof setTimeout>;

/** A conversation whose messages are in memory; checkpoints write from here without re-reading. */
export interface OpenConversation {
  backend: ConversationBackend;
  readonly id: string;
  readonly createdAt: number;
  messages: Message[];
  readonly file: KeyValueFile<RawFile>;
  /** Memory holds changes that are not on disk yet. */
  dirty: boolean;
  checkpointTimer: Timer | undefined;
}

export type ReadConversation =
  | { kind: 'ok'; file: KeyValueFile<RawFile>; data: ConversationFile }
  | { kind: 'missing' | 'corrupt' | 'newer' };

export const INDEX_NAME = 'index';
const CONVERSATION_RECOVERY =
  'The damaged file was moved aside and the conversation removed from the list; other conversations are unaffected.';
const NEWER_RECOVERY =
  'The file was left untouched; this version cannot open that conversation. Everything else works as usual.';
const LEFT_IN_PLACE = 'The file was left in place: this version only reads this data folder.';

export const newerConversationError = (): AppError =>
  new AppError(
    userError(
      'not-supported',
      'This conversation was saved by a newer version of the app.',
      'Update the app to open it; its file was left untouched.',
    ),
  );

/**
 * The state and the disk primitives of the conversation store, shared by the modules that make up
 * `ConversationStore` (loading, trash, import and export). Not for use outside `store/`.
 */
export class StoreCore {
  readonly dir: string;
  readonly conversationsDir: string;
  readonly trashDir: string;
  readonly openStore: OpenStore;
  readonly checkpointMs: number;
  readonly indexWriteDelayMs: number;
  readonly now: () => number;
  readonly newId: () => string;
  readonly onProblem: ((problem: StoreProblem) => void) | undefined;
  readonly onIndexChanged: (() => void) | undefined;

  readonly summaries = new Map<string, ConversationSummary>();
  readonly open = new Map<string, OpenConversation>();
  readonly trash = new Map<string, TrashEntry>();
  readonly problems: StoreProblem[] = [];
  readonly migrations: MigrationRecord[] = [];
  /** Conversations whose file a newer version wrote: listed, never loaded or written. */
  readonly newer = new Set<string>();
  readonly trashListeners = new Set<() => void>();
  readonly search: SearchIndex;
  /** Set when nothing may be written: why, as the user sees it. */
  readOnly: UserError | undefined;
  /** This session's copy of the data from before a migration, once one was made. */
  backupDir: string | undefined;
  settings: StoredSettings = {};
  indexFile!: KeyValueFile<RawFile>;
  indexDirty = false;
  indexTimer: Timer | undefined;
  closed = false;

  constructor(options: ConversationStoreOptions) {
    this.dir = options.dir;
    this.conversationsDir = path.join(options.dir, 'conversations');
    this.trashDir = path.join(options.dir, 'trash');
    this.openStore = options.openStore;
    this.checkpointMs = options.checkpointMs ?? 1000;
    this.indexWriteDelayMs = options.indexWriteDelayMs ?? 250;
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.onProblem = options.onProblem;
    this.onIndexChanged = options.onIndexChanged;
    const readText = options.readText ?? ((file: string) => fs.promises.readFile(file, 'utf8'));
    this.search = new SearchIndex({
      ordered: () => this.ordered(),
      has: (id) => this.summaries.has(id),
      inMemory: (id) => this.open.get(id)?.messages,
      read: (id) => readSearchable(readText, this.conversationPath(id)),
    });
  }

  get indexPath(): string {
    return path.join(this.dir, `${INDEX_NAME}.json`);
  }

  conversationPath(id: string): string {
    return path.join(this.conversationsDir, `${id}.json`);
  }

  trashPath(trashId: string): string {
    return path.join(this.trashDir, `${trashId}.json`);
  }

  /** Pinned first, then most recently updated. */
  ordered(): ConversationSummary[] {
    return [...this.summaries.values()].sort(
      (a, b) =>
        Number(b.pinned ?? false) - Number(a.pinned ?? false) ||
        b.updatedAt - a.updatedAt ||
        b.createdAt - a.createdAt ||
        a.id.localeCompare(b.id),
    );
  }

  assertWritable(): void {
    if (this.readOnly) throw new AppError(this.readOnly);
  }

  // --- Reading -------------------------------------------------------------------------------

  /**
   * Reads, migrates and validates one conversation file (`conversations/<id>.json`, or
   * `trash/<trash id>.json`, which holds whichever conversation was deleted). A damaged one is moved aside and reported; one from a newer version is reported and
   * left exactly as it is.
   */
  readConversation(name: string, where: 'conversations' | 'trash' = 'conversations'): ReadConversation {
    const folder = where === 'trash' ? this.trashDir : this.conversationsDir;
    const read = readStoreFile(this.openStore, folder, name);
    if (read.kind === 'missing') return { kind: 'missing' };
    if (read.kind === 'unparseable') {
      this.quarantine(read.path, read.reason, CONVERSATION_RECOVERY);
      return { kind: 'corrupt' };
    }
    let data = read.data;
    const version = checkVersion(data);
    if (version.kind === 'newer') {
      this.report({
        file: read.file.path,
        movedTo: read.file.path,
        reason: newerVersionReason(version.version),
        recovery: NEWER_RECOVERY,
      });
      return { kind: 'newer' };
    }
    if (version.kind === 'older') {
      // Migrated in memory; the file on disk changes with the next write, after a copy is kept.
      this.keepCopyOf(read.file.path);
      data = migrateConversation(data as RawData, version.version);
    }
    const parsed = parseConversationFile(where === 'trash' ? undefined : name, data);
    if (parsed.ok) return { kind: 'ok', file: read.file, data: parsed.file };
    this.quarantine(read.file.path, parsed.reason, CONVERSATION_RECOVERY);
    return { kind: 'corrupt' };
  }

  /** Before an older file is rewritten in this version's format: a copy, unless a backup already has one. */
  keepCopyOf(file: string): void {
    if (this.readOnly) return;
    const relative = path.relative(this.dir, file);
    if (findInBackups(this.dir, relative, SCHEMA_VERSION)) return;
    this.backupDir = backupFile(this.dir, relative, SCHEMA_VERSION, this.now(), this.backupDir);
  }

  /** The open conversation, reading it on first use; undefined for unknown ids (never a path built from them). */
  conversation(id: string): OpenConversation | undefined {
    if (!isValidId(id) || !this.summaries.has(id) || this.newer.has(id)) return undefined;
    const open = this.open.get(id);
    if (open) return open;
    const read = this.readConversation(id);
    if (read.kind === 'newer') {
      // Still listed (the index is ours), but never loaded: writing it would lose what this version does not know.
      this.newer.add(id);
      return undefined;
    }
    if (read.kind !== 'ok') {
      if (read.kind === 'missing')
        console.warn(`[store] conversation ${id} has no file; removed from the list`);
      this.summaries.delete(id);
      this.search.removed(id);
      this.writeIndexOrDefer();
      this.indexChanged();
      return undefined;
    }
    const conversation: OpenConversation = {
      id,
      createdAt: read.data.createdAt,
      messages: read.data.messages,
      backend: backendOf(read.data),
      file: read.file,
      dirty: false,
      checkpointTimer: undefined,
    };
    this.open.set(id, conversation);
    // The index is written lazily, so after a crash it may lag behind the file: catch it up.
    const previous = this.summaries.get(id);
    if (previous) {
      const updatedAt = Math.max(
        previous.updatedAt,
        lastActivity(conversation.createdAt, conversation.messages),
      );
      this.setSummary(summarize(previous, conversation.messages, updatedAt));
    }
    return conversation;
  }

  mutable(id: string): OpenConversation {
    if (this.newer.has(id)) throw newerConversationError();
    const conversation = this.conversation(id);
    if (!conversation) {
      if (this.newer.has(id)) throw newerConversationError();
      throw conversationNotFound();
    }
    this.assertWritable();
    return conversation;
  }

  // --- Writing -------------------------------------------------------------------------------

  fileData(
    conversation: Pick<OpenConversation, 'id' | 'createdAt' | 'messages' | 'backend'>,
  ): ConversationFile {
    return {
      schemaVersion: SCHEMA_VERSION,
      id: conversation.id,
      createdAt: conversation.createdAt,
      messages: conversation.messages,
      ...conversation.backend,
    };
  }

  /** Writes the whole conversation file, unless the conversation was deleted meanwhile. */
  writeConversation(conversation: OpenConversation): void {
    if (this.open.get(conversation.id) !== conversation) return;
    this.assertWritable();
    conversation.file.store = this.fileData(conversation);
    conversation.dirty = false;
    if (conversation.checkpointTimer) clearTimeout(conversation.checkpointTimer);
    conversation.checkpointTimer = undefined;
  }

  /** A new file, never over an existing one; returns its handle. */
  createFile(folder: string, name: string, data: ConversationFile): KeyValueFile<RawFile> {
    this.assertWritable();
    const target = path.join(folder, `${name}.json`);
    if (fs.existsSync(target)) throw new Error(`Refusing to overwrite the existing file ${target}.`);
    const file = this.openStore<RawFile>({ cwd: folder, name, defaults: {} });
    file.store = data;
    return file;
  }

  /** Swaps in a new message list and writes it now; on a write error the old list is kept and the error thrown. */
  replaceMessages(conversation: OpenConversation, next: Message[]): void {
    const before = conversation.messages;
    conversation.messages = next;
    try {
      this.writeConversation(conversation);
    } catch (error) {
      conversation.messages = before;
      throw error;
    }
    this.touch(conversation, true);
  }

  /** A debounced checkpoint: a failure is logged, not thrown (nobody is there to catch it). */
  checkpoint(conversation: OpenConversation): void {
    conversation.checkpointTimer = undefined;
    if (!conversation.dirty) return;
    try {
      this.writeConversation(conversation);
    } catch (error) {
      console.warn(
        `[store] checkpoint of conversation ${conversation.id} failed; it will be retried on the next change`,
        error,
      );
    }
  }

  /** Updates the summary after the messages changed; `bump` moves updatedAt to now. */
  touch(conversation: OpenConversation, bump: boolean): void {
    this.search.changed(conversation.id);
    const previous = this.summaries.get(conversation.id);
    if (!previous) return;
    this.setSummary(summarize(previous, conversation.messages, bump ? this.now() : previous.updatedAt));
  }

  setSummary(next: ConversationSummary): void {
    const previous = this.summaries.get(next.id);
    if (previous && sameSummary(previous, next)) return;
    this.summaries.set(next.id, next);
    this.scheduleIndexWrite();
    this.indexChanged();
  }

  indexData(): IndexFile {
    return {
      schemaVersion: SCHEMA_VERSION,
      settings: this.settings,
      conversations: Object.fromEntries(this.summaries),
      trash: Object.fromEntries(this.trash),
    };
  }

  /** Writes the index now. Read-only: nothing is written (the in-memory state lasts for this session). */
  writeIndexNow(): void {
    if (!this.readOnly) this.indexFile.store = this.indexData();
    this.indexDirty = false;
    if (this.indexTimer) clearTimeout(this.indexTimer);
    this.indexTimer = undefined;
  }

  /** For removals whose files are already gone: a failed index write is retried later, not thrown. */
  writeIndexOrDefer(): void {
    try {
      this.writeIndexNow();
    } catch (error) {
      console.warn('[store] writing the conversation index failed; it will be retried', error);
      this.scheduleIndexWrite();
    }
  }

  scheduleIndexWrite(): void {
    this.indexDirty = true;
    if (this.closed) {
      this.writeIndexLogged();
      return;
    }
    this.indexTimer ??= setTimeout(() => {
      this.indexTimer = undefined;
      if (this.indexDirty) this.writeIndexLogged();
    }, this.indexWriteDelayMs);
  }

  writeIndexLogged(): void {
    try {
      this.writeIndexNow();
    } catch (error) {
      console.warn(
        '[store] writing the conversation index failed; it will be retried on the next change',
        error,
      );
    }
  }

  // --- Reporting -----------------------------------------------------------------------------

  /** Moves a damaged file aside and reports it; read-only, the file stays where it is. */
  quarantine(file: string, reason: string, recovery: string): void {
    const at = this.now();
    if (this.readOnly) {
      this.report({ file, movedTo: file, reason, recovery: LEFT_IN_PLACE }, at);
      return;
    }
    const movedTo = moveAside(file, at);
    this.report({ file, movedTo, reason, recovery }, at);
  }

  report(problem: Omit<StoreProblem, 'at'>, at = this.now()): void {
    const full: StoreProblem = { ...problem, at };
    this.problems.push(full);
    const where = full.movedTo === full.file ? 'left in place' : `moved to ${full.movedTo}`;
    console.warn(`[store] ${full.file} cannot be used (${full.reason}); ${where}`);
    try {
      this.onProblem?.({ ...full });
    } catch (error) {
      console.warn('[store] onProblem listener failed', error);
    }
  }

  indexChanged(): void {
    try {
      this.onIndexChanged?.();
    } catch (error) {
      console.warn('[store] onIndexChanged listener failed', error);
    }
  }

  trashChanged(): void {
    for (const listener of this.trashListeners) {
      try {
        listener();
      } catch (error) {
        console.warn('[store] trash listener failed', error);
      }
    }
  }
}
