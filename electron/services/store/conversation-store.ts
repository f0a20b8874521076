import {
  messageSchema,
  type Conversation,
  type ConversationSummary,
  type Message,
} from '../../../shared/domain/conversation';
import type { ConversationExportFormat } from '../../../shared/domain/conversation-export';
import { userError } from '../../../shared/domain/errors';
import type { ExportedFile } from '../../../shared/domain/exported-file';
import {
  SEARCH_LIMIT_DEFAULT,
  SEARCH_LIMIT_MAX,
  type ImportReport,
  type SearchHit,
  type TrashItem,
} from '../../../shared/domain/library';
import type { ReasoningEffort } from '../../../shared/domain/reasoning-effort';
import type { StoreProblem } from '../../../shared/domain/store-problem';
import { AppError, conversationNotFound } from '../app-error';
import { AttachmentSweep } from './attachment-sweep';
import { exportConversations, importConversations } from './library-io';
import type { MigrationRecord } from './migrations';
import { backendOf, StoreCore, type ConversationBackend, type ConversationStoreOptions } from './store-core';
import { loadStore } from './store-load';
import { restoreBackup } from './backup-restore';
import { scheduleCheckpoint } from './checkpoints';
import { createConversation, deleteForGood, flushAll, stopTimers } from './store-lifecycle';
import type { BackupRestoreReport, BackupSummary } from '../../../shared/domain/backups';
import { saveSettings, settingsView } from './profiles-file';
import { isValidId, type StoredSettings } from './store-schema';
import * as trash from './trash';

export type { StoredSettings, StoredProfile } from './store-schema';
export type { ConversationBackend, ConversationStoreOptions } from './store-core';
export type { ReplacedTurns } from './trash';

/**
 * Conversations on top of electron-store (or `conf`): one small index file (settings, summaries and
 * the trash) and one file per conversation. Appends and finished replies are written before
 * returning; a streaming reply is checkpointed at most once per `checkpointMs`; summary changes are
 * coalesced. A file that cannot be read is moved aside and reported, never replaced; one written by
 * a newer version is left untouched. Startup reads the index only.
 */
export class ConversationStore {
  #core: StoreCore;
  readonly #attachments = new AttachmentSweep(() => this.#core);

  private constructor(options: ConversationStoreOptions) {
    this.#core = new StoreCore(options);
  }

  /** Reads the index (migrating, rebuilding or opening it read-only as needed) and reconciles it with the folders. */
  static open(options: ConversationStoreOptions): ConversationStore {
    const store = new ConversationStore(options);
    loadStore(store.#core);
    return store;
  }

  /** Summaries: pinned first, then most recently updated. */
  list(): ConversationSummary[] {
    return this.#core.ordered().map((s) => ({ ...s }));
  }

  /** A new empty conversation, on disk (file and index) before this returns. */
  create(): ConversationSummary {
    return createConversation(this.#core);
  }

  /** The conversation, or undefined if the id is unknown or its file is damaged (then a problem was reported). */
  get(id: string): Conversation | undefined {
    const conversation = this.#core.conversation(id);
    const summary = conversation && this.#core.summaries.get(id);
    if (!conversation || !summary) return undefined;
    return { ...summary, messages: structuredClone(conversation.messages) };
  }

  /**
   * Deletes for good: removes the file and the index entry; a pending checkpoint is dropped and never
   * recreates the file. The app's delete is `moveToTrash`.
   */
  delete(id: string): boolean {
    return deleteForGood(this.#core, id);
  }

  /** Written before returning; on a write error nothing changes and the error is thrown. */
  appendMessage(conversationId: string, message: Message): void {
    const conversation = this.#core.mutable(conversationId);
    const copy = messageSchema.parse(message);
    if (conversation.messages.some((m) => m.id === copy.id)) {
      throw new Error(`Message ${copy.id} is already in conversation ${conversationId}.`);
    }
    this.#core.replaceMessages(conversation, [...conversation.messages, copy]);
  }

  /**
   * Replaces the message with the same id. `checkpoint`: in memory now, on disk within `checkpointMs`
   * (at most one write per interval). `final`: on disk before returning (a write error is thrown, and
   * the message stays in memory to be written by the next write or `flush`).
   */
  updateMessage(conversationId: string, message: Message, mode: 'checkpoint' | 'final'): void {
    const core = this.#core;
    const conversation = core.mutable(conversationId);
    const copy = messageSchema.parse(message);
    const index = conversation.messages.findIndex((m) => m.id === copy.id);
    if (index < 0) {
      throw new AppError(
        userError('not-found', 'That message is no longer in the conversation.', 'Reload the conversation.'),
      );
    }
    conversation.messages[index] = copy;
    conversation.dirty = true;
    if (mode === 'checkpoint' && !core.closed) {
      scheduleCheckpoint(core, conversation, copy.id);
      core.touch(conversation, false);
      return;
    }
    try {
      core.writeConversation(conversation);
    } finally {
      core.touch(conversation, true);
    }
  }

  /** Written before returning; removing a message that is not there does nothing. */
  removeMessage(conversationId: string, messageId: string): void {
    const conversation = this.#core.mutable(conversationId);
    const index = conversation.messages.findIndex((m) => m.id === messageId);
    if (index < 0) return;
    this.#core.replaceMessages(conversation, conversation.messages.toSpliced(index, 1));
  }

  /** Replaces the message list (reply versions), each checked; written at once, nothing changes on a write error. */
  setMessages(conversationId: string, messages: readonly Message[]): void {
    const checked = messages.map((m) => messageSchema.parse(m));
    this.#core.replaceMessages(this.#core.mutable(conversationId), checked);
  }

  /** Points a conversation at a backend profile and model (`chosenModel` absent: the profile's default). Durable at once. */
  setBackend(conversationId: string, backend: ConversationBackend): ConversationSummary {
    const core = this.#core;
    const conversation = core.mutable(conversationId);
    const before = conversation.backend;
    conversation.backend = backendOf(backend);
    try {
      core.writeConversation(conversation);
    } catch (error) {
      conversation.backend = before;
      throw error;
    }
    const previous = core.summaries.get(conversationId);
    if (previous) {
      const { profileId: _p, chosenModel: _m, ...rest } = previous;
      core.setSummary({ ...rest, ...conversation.backend });
    }
    return { ...core.summaries.get(conversationId)! };
  }

  /** Names a conversation; from then on the title no longer follows its first message. Durable at once. */
  rename(id: string, title: string): ConversationSummary {
    const name = title.replace(/\s+/g, ' ').trim();
    if (name === '') {
      throw new AppError(
        userError('invalid-input', 'The title is empty.', 'Type a title.', {
          fields: { title: 'The title is empty.' },
        }),
      );
    }
    return this.#patchSummary(id, (s) => ({ ...s, title: name, titleEdited: true }));
  }

  /**
   * The conversation's own reasoning effort, sent instead of its profile's; null clears it (the
   * profile's applies again). Recorded in its file like the title and pin. Durable at once.
   */
  setReasoningEffort(id: string, effort: ReasoningEffort | null): ConversationSummary {
    return this.#patchSummary(id, ({ reasoningEffort: _was, ...rest }) =>
      effort === null ? rest : { ...rest, reasoningEffort: effort },
    );
  }

  /**
   * The tool sources turned on for a conversation (`tasks`, MCP server ids); empty turns tools off.
   * Recorded in its file like the title and pin. Durable at once.
   */
  setTools(id: string, tools: readonly string[]): ConversationSummary {
    const unique = [...new Set(tools)];
    return this.#patchSummary(id, ({ tools: _was, ...rest }) =>
      unique.length ? { ...rest, tools: unique } : rest,
    );
  }

  /** Pinned conversations are listed first. Durable at once. */
  setPinned(id: string, pinned: boolean): ConversationSummary {
    return this.#patchSummary(id, ({ pinned: _was, ...rest }) => (pinned ? { ...rest, pinned: true } : rest));
  }

  /** Title, pin and effort are written to the conversation's file first (a rebuilt index keeps them), then the index. */
  #patchSummary(
    id: string,
    patch: (summary: ConversationSummary) => ConversationSummary,
  ): ConversationSummary {
    const core = this.#core;
    if (!isValidId(id) || !core.summaries.has(id)) throw conversationNotFound();
    core.assertWritable();
    // A file from a newer version is never written: its title and pin live in the index only.
    const conversation = core.newer.has(id) ? undefined : core.conversation(id);
    const previous = core.summaries.get(id);
    if (!previous) throw conversationNotFound();
    const next = patch(previous);
    core.summaries.set(id, next);
    try {
      if (conversation) core.writeConversation(conversation);
      core.writeIndexNow();
    } catch (error) {
      core.summaries.set(id, previous);
      if (conversation) core.writeConversationLogged(conversation);
      throw error;
    }
    core.indexChanged();
    return { ...next };
  }

  /** How many conversations talk to a profile. */
  countUsing(profileId: string): number {
    return [...this.#core.summaries.values()].filter((s) => s.profileId === profileId).length;
  }

  /** Moves every conversation on profile `from` to profile `to` (its model choice is dropped). */
  reassignProfile(from: string, to: string): number {
    const ids = [...this.#core.summaries.values()].filter((s) => s.profileId === from).map((s) => s.id);
    let moved = 0;
    for (const id of ids) {
      if (!this.#core.conversation(id)) continue;
      this.setBackend(id, { profileId: to });
      moved++;
    }
    return moved;
  }

  /** The settings, with the backend profiles from `profiles.json` (or, before that file exists, the index). */
  getSettings(): StoredSettings {
    return settingsView(this.#core);
  }

  /** Whether the profiles have their own file yet (the profile service moves them out of the index once). */
  hasProfilesFile(): boolean {
    return this.#core.profiles !== undefined;
  }

  /**
   * A key present with the value `undefined` clears that setting. Written before returning (in a
   * read-only data folder: kept for this session only, as the reported problem says).
   */
  updateSettings(patch: StoredSettings): StoredSettings {
    const core = this.#core;
    const before = { settings: core.settings };
    const indexPart = saveSettings(core, patch);
    if (JSON.stringify(indexPart) === JSON.stringify(core.settings)) return settingsView(core);
    core.settings = indexPart;
    try {
      core.writeIndexNow();
    } catch (error) {
      core.settings = before.settings;
      throw error;
    }
    return settingsView(core);
  }

  // --- Trash ---------------------------------------------------------------------------------

  /** Moves a conversation to the trash (restorable until the trash is emptied); undefined if unknown. */
  moveToTrash(id: string): TrashItem | undefined {
    return trash.moveToTrash(this.#core, id);
  }

  /** Newest first. */
  trashList(): TrashItem[] {
    return trash.trashItems(this.#core);
  }

  restore(trashId: string): ConversationSummary {
    return trash.restore(this.#core, trashId);
  }

  /** Deletes one item for good; then the attachments nothing references any more go (in the background). */
  purge(trashId: string): boolean {
    const purged = trash.purge(this.#core, trashId);
    if (purged) this.#attachments.inBackground();
    return purged;
  }

  /** Deletes everything in the trash for good; then the attachments nothing references any more go. */
  emptyTrash(): number {
    const count = trash.emptyTrash(this.#core);
    if (count > 0) this.#attachments.inBackground();
    return count;
  }

  /**
   * Removes stored attachments that no conversation and no trash item references, except those
   * stored in the last hour (a draft's, not sent yet); answers how many went.
   */
  sweepAttachments(): Promise<number> {
    return this.#attachments.sweep();
  }

  /** Called after every change to the trash; returns the unsubscribe. */
  onTrashChanged(listener: () => void): () => void {
    this.#core.trashListeners.add(listener);
    return () => this.#core.trashListeners.delete(listener);
  }

  /** Edit-and-resend: removes user message `messageId` and all after it, keeping the old turns in the trash. */
  replaceTurnsFrom(conversationId: string, messageId: string): trash.ReplacedTurns {
    return trash.replaceTurnsFrom(this.#core, conversationId, messageId);
  }

  // --- Search, export, import ----------------------------------------------------------------

  /** Titles and message text, case-insensitive; the first search builds the message index (without blocking). */
  async search(query: string, options: { limit?: number } = {}): Promise<SearchHit[]> {
    await this.#core.search.ready();
    return this.searchNow(query, options);
  }

  /** Builds the message search index ahead of the first search (the app calls it soon after start). */
  warmSearch(): Promise<void> {
    return this.#core.search.ready();
  }

  /** At once, over what is indexed now: titles always, message text once the first search built it. */
  searchNow(query: string, options: { limit?: number } = {}): SearchHit[] {
    const limit = Math.min(SEARCH_LIMIT_MAX, Math.max(1, Math.floor(options.limit ?? SEARCH_LIMIT_DEFAULT)));
    return this.#core.search.query(query, limit);
  }

  /** One file with the chosen conversations (absent: all, in list order). */
  export(ids: readonly string[] | undefined, format: ConversationExportFormat): Promise<ExportedFile> {
    return exportConversations(this.#core, ids, format);
  }

  /** Validates the whole file, then adds its conversations; an id in use gets a fresh one. All or nothing. */
  import(text: string): ImportReport {
    return importConversations(this.#core, text);
  }

  // --- State ---------------------------------------------------------------------------------

  problems(): StoreProblem[] {
    return this.#core.problems.map((p) => ({ ...p }));
  }

  /** Migrations run at open, each with the folder holding the copy made before it. */
  migrations(): MigrationRecord[] {
    return this.#core.migrations.map((m) => ({ ...m }));
  }

  /** Why nothing can be saved (a newer version's data folder), or undefined when writable. */
  readOnlyReason(): string | undefined {
    return this.#core.readOnly?.message;
  }

  /** Writes every pending checkpoint and the index now; tries all, then throws the first error. */
  flush(): void {
    flushAll(this.#core);
  }

  /** Flushes and stops the timers; later changes are written at once. */
  close(): void {
    try {
      this.flush();
    } finally {
      stopTimers(this.#core);
    }
  }

  // --- Backups -------------------------------------------------------------------------------

  /** The rolling backups of the conversation list and the profiles, newest first. */
  backups(): BackupSummary[] {
    return this.#core.backups.list();
  }

  /**
   * Puts a backup's conversation list (titles and pins of older files, the trash list, settings) and
   * profiles back, after backing up the state it replaces; conversations stay as their files have
   * them. The store is then reopened over the restored files.
   */
  restoreBackup(id: string): BackupRestoreReport {
    this.flush();
    const { report, reopen } = restoreBackup(this.#core, id);
    this.#core = reopen();
    return report;
  }
}
