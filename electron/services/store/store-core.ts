import fs from 'node:fs';
import path from 'node:path';
import type { ConversationSummary, Message } from '../../../shared/domain/conversation';
import { userError, type UserError } from '../../../shared/domain/errors';
import type { StoreProblem } from '../../../shared/domain/store-problem';
import { AppError, conversationNotFound } from '../app-error';
import { openConversation, readConversation } from './conversation-read';
import { sameSummary, summarize, userFieldsOf } from './conversation-index';
import type { AttachmentFiles } from './attachment-references';
import type { KeyValueFile, OpenStore } from './kv-store';
import type { MigrationRecord } from './migrations';
import { SearchIndex } from './search-index';
import { readSearchable, searchableOf } from './search-source';
import { moveAside, type RawFile } from './store-file';
import { refusalsWorded } from './storage-error';
import {
  SCHEMA_VERSION,
  type ConversationFile,
  type IndexFile,
  type StoredProfiles,
  type StoredSettings,
  type TrashEntry,
} from './store-schema';
import { describeBackedUp, RollingBackups } from './rolling-backups';

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
  /** Delay of a reply's first checkpoint, so a crash soon after the first tokens keeps them (default 50). */
  firstCheckpointMs?: number;
  /** Coalescing of index writes (default 250). */
  indexWriteDelayMs?: number;
  /** How long after a change of the index or the profiles a rolling backup is taken (default 15 s). */
  backupDelayMs?: number;
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
  /** Where attachments are stored: embedded in JSON exports, re-stored by imports, cleaned up with the trash. */
  attachments?: AttachmentFiles;
}

type Timer = ReturnType<typeof setTimeout>;

/** A conversation whose messages are in memory; checkpoints write from here without re-reading. */
export interface OpenConversation {
  backend: ConversationBackend;
  readonly id: string;
  readonly createdAt: number;
  messages: Message[];
  /** Messages that failed validation when read: kept in the file, never shown. */
  setAside?: unknown[];
  readonly file: KeyValueFile<RawFile>;
  /** Memory holds changes that are not on disk yet. */
  dirty: boolean;
  checkpointTimer: Timer | undefined;
  /** The message whose checkpoints are running (its first one is written early). */
  checkpointing?: string;
  /** A checkpoint failed and was reported; reset by the next write that succeeds. */
  checkpointFailed?: boolean;
}

export type ReadConversation =
  | { kind: 'ok'; file: KeyValueFile<RawFile>; data: ConversationFile }
  | { kind: 'missing' | 'corrupt' | 'newer' };

export const INDEX_NAME = 'index';
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
  readonly firstCheckpointMs: number;
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
  /** The index's settings; the profiles are in `profiles` once `profiles.json` exists. */
  settings: StoredSettings = {};
  profiles: StoredProfiles | undefined;
  /** `profiles.json` came from a newer version: used, never written. */
  profilesFrozen = false;
  readonly backups: RollingBackups;
  indexFile!: KeyValueFile<RawFile>;
  indexDirty = false;
  indexTimer: Timer | undefined;
  closed = false;

  constructor(readonly options: ConversationStoreOptions) {
    this.dir = options.dir;
    this.conversationsDir = path.join(options.dir, 'conversations');
    this.trashDir = path.join(options.dir, 'trash');
    this.openStore = refusalsWorded(options.openStore, options.dir);
    this.checkpointMs = options.checkpointMs ?? 1000;
    this.firstCheckpointMs = Math.min(options.firstCheckpointMs ?? 50, this.checkpointMs);
    this.indexWriteDelayMs = options.indexWriteDelayMs ?? 250;
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.onProblem = options.onProblem;
    this.onIndexChanged = options.onIndexChanged;
    this.backups = new RollingBackups({
      dir: options.dir,
      now: this.now,
      delayMs: options.backupDelayMs ?? 15_000,
      writable: () => !this.readOnly && !this.closed,
      describe: describeBackedUp,
    });
    const readText = options.readText ?? ((file: string) => fs.promises.readFile(file, 'utf8'));
    this.search = new SearchIndex({
      ordered: () => this.ordered(),
      has: (id) => this.summaries.has(id),
      inMemory: (id) => {
        const open = this.open.get(id);
        return open ? searchableOf(open.messages) : undefined;
      },
      read: (id) => readSearchable(readText, this.conversationPath(id)),
    });
  }

  get indexPath(): string {
    return this.path(`${INDEX_NAME}.json`);
  }

  /** A file in the data folder's root. */
  path(name: string): string {
    return path.join(this.dir, name);
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

  /** Reads, migrates and validates one conversation file (see conversation-read.ts). */
  readConversation(name: string, where: 'conversations' | 'trash' = 'conversations'): ReadConversation {
    return readConversation(this, name, where);
  }

  /** The open conversation, reading it on first use; undefined for unknown ids (never a path built from them). */
  conversation(id: string): OpenConversation | undefined {
    return openConversation(this, id);
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

  /** The file of a conversation: its messages, and what the user set on it (backend, title, pin). */
  fileData(
    conversation: Pick<OpenConversation, 'id' | 'createdAt' | 'messages' | 'backend' | 'setAside'>,
  ): ConversationFile {
    const summary = this.summaries.get(conversation.id);
    return {
      schemaVersion: SCHEMA_VERSION,
      id: conversation.id,
      createdAt: conversation.createdAt,
      messages: conversation.messages,
      ...conversation.backend,
      ...(summary ? userFieldsOf(summary) : {}),
      ...(conversation.setAside ? { setAside: conversation.setAside } : {}),
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

  /** Puts the file back in step with memory after a failed change; a failure here is only logged. */
  writeConversationLogged(conversation: OpenConversation): void {
    try {
      this.writeConversation(conversation);
    } catch (error) {
      console.warn(`[store] could not rewrite conversation ${conversation.id}`, error);
    }
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
    if (!this.readOnly) {
      this.indexFile.store = this.indexData();
      this.backups.schedule();
    }
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
