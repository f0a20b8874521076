import fs from 'node:fs';
import path from 'node:path';
import {
  messageSchema,
  type Conversation,
  type ConversationSummary,
  type Message,
} from '../../../shared/domain/conversation';
import { userError } from '../../../shared/domain/errors';
import type { StoreProblem } from '../../../shared/domain/store-problem';
import { AppError, conversationNotFound } from '../app-error';
import {
  lastActivity,
  NEW_CHAT_TITLE,
  parseConversationFile,
  sameSummary,
  summarize,
  summaryFromFile,
} from './conversation-index';
import type { KeyValueFile, OpenStore } from './kv-store';
import { moveAside, readStoreFile, type RawFile } from './store-file';
import {
  conversationFileName,
  describeIssues,
  indexFileSchema,
  isValidId,
  SCHEMA_VERSION,
  settingsKeys,
  storedSettingsSchema,
  type ConversationFile,
  type IndexFile,
  type StoredSettings,
} from './store-schema';

export type { StoredSettings, StoredProfile } from './store-schema';

/** Which backend a conversation talks to; both absent means the default profile and its model. */
export interface ConversationBackend {
  profileId?: string;
  chosenModel?: string;
}

const backendOf = (source: ConversationBackend): ConversationBackend => ({
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
  /** Called for every file moved aside. */
  onProblem?: (problem: StoreProblem) => void;
  /** Called synchronously whenever the list of summaries changes. */
  onIndexChanged?: () => void;
}

type Timer = ReturnType<typeof setTimeout>;

/** A conversation whose messages are in memory; checkpoints write from here without re-reading. */
interface OpenConversation {
  backend: ConversationBackend;
  readonly id: string;
  readonly createdAt: number;
  messages: Message[];
  readonly file: KeyValueFile<RawFile>;
  /** Memory holds changes that are not on disk yet. */
  dirty: boolean;
  checkpointTimer: Timer | undefined;
}

type ReadConversation =
  { kind: 'ok'; file: KeyValueFile<RawFile>; data: ConversationFile } | { kind: 'missing' | 'corrupt' };

const INDEX_NAME = 'index';
const CONVERSATION_RECOVERY =
  'The damaged file was moved aside and the conversation removed from the list; other conversations are unaffected.';

/**
 * Conversations on top of electron-store (or `conf`): one small index file (settings and summaries)
 * and one file per conversation. Appends and finished replies are written before returning; a
 * streaming reply is checkpointed at most once per `checkpointMs`; summary changes are coalesced.
 * A file that cannot be read is moved aside and reported, never replaced.
 */
export class ConversationStore {
  readonly #dir: string;
  readonly #conversationsDir: string;
  readonly #openStore: OpenStore;
  readonly #checkpointMs: number;
  readonly #indexWriteDelayMs: number;
  readonly #now: () => number;
  readonly #newId: () => string;
  readonly #onProblem: ((problem: StoreProblem) => void) | undefined;
  readonly #onIndexChanged: (() => void) | undefined;

  readonly #summaries = new Map<string, ConversationSummary>();
  readonly #open = new Map<string, OpenConversation>();
  readonly #problems: StoreProblem[] = [];
  #settings: StoredSettings = {};
  #indexFile!: KeyValueFile<RawFile>;
  #indexDirty = false;
  #indexTimer: Timer | undefined;
  #closed = false;

  private constructor(options: ConversationStoreOptions) {
    this.#dir = options.dir;
    this.#conversationsDir = path.join(options.dir, 'conversations');
    this.#openStore = options.openStore;
    this.#checkpointMs = options.checkpointMs ?? 1000;
    this.#indexWriteDelayMs = options.indexWriteDelayMs ?? 250;
    this.#now = options.now ?? Date.now;
    this.#newId = options.newId ?? (() => crypto.randomUUID());
    this.#onProblem = options.onProblem;
    this.#onIndexChanged = options.onIndexChanged;
  }

  /** Reads the index (rebuilding it if damaged or missing) and reconciles it with the conversation files. */
  static open(options: ConversationStoreOptions): ConversationStore {
    const store = new ConversationStore(options);
    store.#load();
    return store;
  }

  /** Summaries, most recently updated first. */
  list(): ConversationSummary[] {
    return [...this.#summaries.values()]
      .sort((a, b) => b.updatedAt - a.updatedAt || b.createdAt - a.createdAt || a.id.localeCompare(b.id))
      .map((s) => ({ ...s }));
  }

  /** A new empty conversation, on disk (file and index) before this returns. */
  create(): ConversationSummary {
    const id = this.#newId();
    if (!isValidId(id) || this.#summaries.has(id))
      throw new Error(`Cannot create a conversation with id "${id}".`);
    const filePath = this.#conversationPath(id);
    if (fs.existsSync(filePath)) throw new Error(`Refusing to overwrite the existing file ${filePath}.`);
    const now = this.#now();
    const file = this.#openStore<RawFile>({ cwd: this.#conversationsDir, name: id, defaults: {} });
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
    this.#open.set(id, conversation);
    this.#summaries.set(id, summary);
    try {
      this.#writeConversation(conversation);
      this.#writeIndexNow();
    } catch (error) {
      this.#open.delete(id);
      this.#summaries.delete(id);
      fs.rmSync(filePath, { force: true });
      throw error;
    }
    this.#indexChanged();
    return { ...summary };
  }

  /** The conversation, or undefined if the id is unknown or its file is damaged (then a problem was reported). */
  get(id: string): Conversation | undefined {
    const conversation = this.#conversation(id);
    const summary = conversation && this.#summaries.get(id);
    if (!conversation || !summary) return undefined;
    return { ...summary, messages: structuredClone(conversation.messages) };
  }

  /** Removes the file and the index entry; a pending checkpoint is dropped and never recreates the file. */
  delete(id: string): boolean {
    if (!isValidId(id) || !this.#summaries.has(id)) return false;
    fs.rmSync(this.#conversationPath(id), { force: true });
    const open = this.#open.get(id);
    if (open?.checkpointTimer) clearTimeout(open.checkpointTimer);
    this.#open.delete(id);
    this.#summaries.delete(id);
    this.#writeIndexOrDefer();
    this.#indexChanged();
    return true;
  }

  /** Written before returning; on a write error nothing changes and the error is thrown. */
  appendMessage(conversationId: string, message: Message): void {
    const conversation = this.#mutable(conversationId);
    const copy = messageSchema.parse(message);
    if (conversation.messages.some((m) => m.id === copy.id)) {
      throw new Error(`Message ${copy.id} is already in conversation ${conversationId}.`);
    }
    this.#replaceMessages(conversation, [...conversation.messages, copy]);
  }

  /**
   * Replaces the message with the same id. `checkpoint`: in memory now, on disk within `checkpointMs`
   * (at most one write per interval). `final`: on disk before returning (a write error is thrown, and
   * the message stays in memory to be written by the next write or `flush`).
   */
  updateMessage(conversationId: string, message: Message, mode: 'checkpoint' | 'final'): void {
    const conversation = this.#mutable(conversationId);
    const copy = messageSchema.parse(message);
    const index = conversation.messages.findIndex((m) => m.id === copy.id);
    if (index < 0) {
      throw new AppError(
        userError('not-found', 'That message is no longer in the conversation.', 'Reload the conversation.'),
      );
    }
    conversation.messages[index] = copy;
    conversation.dirty = true;
    if (mode === 'checkpoint' && !this.#closed) {
      conversation.checkpointTimer ??= setTimeout(() => this.#checkpoint(conversation), this.#checkpointMs);
      this.#touch(conversation, false);
      return;
    }
    try {
      this.#writeConversation(conversation);
    } finally {
      this.#touch(conversation, true);
    }
  }

  /** Written before returning; removing a message that is not there does nothing. */
  removeMessage(conversationId: string, messageId: string): void {
    const conversation = this.#mutable(conversationId);
    const index = conversation.messages.findIndex((m) => m.id === messageId);
    if (index < 0) return;
    this.#replaceMessages(conversation, conversation.messages.toSpliced(index, 1));
  }

  /** Points a conversation at a backend profile and model (`chosenModel` absent: the profile's default). Durable at once. */
  setBackend(conversationId: string, backend: ConversationBackend): ConversationSummary {
    const conversation = this.#mutable(conversationId);
    const before = conversation.backend;
    conversation.backend = backendOf(backend);
    try {
      this.#writeConversation(conversation);
    } catch (error) {
      conversation.backend = before;
      throw error;
    }
    const previous = this.#summaries.get(conversationId);
    if (previous) {
      const { profileId: _p, chosenModel: _m, ...rest } = previous;
      this.#setSummary({ ...rest, ...conversation.backend });
    }
    return { ...this.#summaries.get(conversationId)! };
  }

  /** How many conversations talk to a profile. */
  countUsing(profileId: string): number {
    return [...this.#summaries.values()].filter((s) => s.profileId === profileId).length;
  }

  /** Moves every conversation on profile `from` to profile `to` (its model choice is dropped). */
  reassignProfile(from: string, to: string): number {
    const ids = [...this.#summaries.values()].filter((s) => s.profileId === from).map((s) => s.id);
    let moved = 0;
    for (const id of ids) {
      if (!this.#conversation(id)) continue;
      this.setBackend(id, { profileId: to });
      moved++;
    }
    return moved;
  }

  getSettings(): StoredSettings {
    return { ...this.#settings };
  }

  /** A key present with the value `undefined` clears that setting. Written before returning. */
  updateSettings(patch: StoredSettings): StoredSettings {
    const next: StoredSettings = { ...this.#settings };
    for (const key of settingsKeys) {
      if (!(key in patch)) continue;
      if (patch[key] === undefined) delete next[key];
      else Object.assign(next, { [key]: patch[key] });
    }
    const valid = storedSettingsSchema.parse(next);
    const before = this.#settings;
    this.#settings = valid;
    try {
      this.#writeIndexNow();
    } catch (error) {
      this.#settings = before;
      throw error;
    }
    return { ...valid };
  }

  problems(): StoreProblem[] {
    return this.#problems.map((p) => ({ ...p }));
  }

  /** Writes every pending checkpoint and the index now; tries all, then throws the first error. */
  flush(): void {
    const errors: unknown[] = [];
    for (const conversation of this.#open.values()) {
      if (!conversation.dirty) continue;
      try {
        this.#writeConversation(conversation);
      } catch (error) {
        errors.push(error);
      }
    }
    if (this.#indexDirty) {
      try {
        this.#writeIndexNow();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw errors[0];
  }

  /** Flushes and stops the timers; later changes are written at once. */
  close(): void {
    try {
      this.flush();
    } finally {
      this.#closed = true;
      for (const conversation of this.#open.values()) {
        if (conversation.checkpointTimer) clearTimeout(conversation.checkpointTimer);
        conversation.checkpointTimer = undefined;
      }
      if (this.#indexTimer) clearTimeout(this.#indexTimer);
      this.#indexTimer = undefined;
    }
  }

  // --- Loading -------------------------------------------------------------------------------

  #load(): void {
    fs.mkdirSync(this.#conversationsDir, { recursive: true });
    const indexPath = path.join(this.#dir, `${INDEX_NAME}.json`);
    const read = readStoreFile(this.#openStore, this.#dir, INDEX_NAME);
    let damage: string | undefined;
    let salvaged: StoredSettings | undefined;
    if (read.kind === 'ok') {
      const parsed = indexFileSchema.safeParse(read.data);
      if (parsed.success) {
        this.#settings = parsed.data.settings;
        for (const [id, summary] of Object.entries(parsed.data.conversations))
          this.#summaries.set(id, summary);
        this.#indexFile = read.file;
      } else {
        damage = `not in the expected format (${describeIssues(parsed.error)})`;
        const settings = storedSettingsSchema.safeParse((read.data as { settings?: unknown }).settings);
        if (settings.success) salvaged = settings.data;
      }
    } else if (read.kind === 'unparseable') {
      damage = read.reason;
    } else {
      this.#indexFile = read.file;
    }

    let movedTo = '';
    if (damage !== undefined) {
      movedTo = moveAside(indexPath, this.#now());
      this.#indexFile = this.#openStore<RawFile>({ cwd: this.#dir, name: INDEX_NAME, defaults: {} });
      if (salvaged) this.#settings = salvaged;
    }

    const changed = this.#reconcile();
    if (damage !== undefined || changed || read.kind === 'missing') this.#writeIndexNow();

    if (damage !== undefined) {
      const count = this.#summaries.size;
      const settings = salvaged
        ? 'settings were recovered from the damaged file'
        : 'settings fell back to their defaults';
      this.#report({
        file: indexPath,
        movedTo,
        reason: damage,
        recovery: `The conversation list was rebuilt from ${count} conversation file${count === 1 ? '' : 's'}; ${settings}.`,
      });
    }
  }

  /**
   * Makes the index match the conversation folder: entries whose file is gone are dropped, files the
   * index does not list (a lost or rebuilt index, a crash between writes) are read and added.
   */
  #reconcile(): boolean {
    const onDisk = new Set<string>();
    for (const entry of fs.readdirSync(this.#conversationsDir, { withFileTypes: true })) {
      const id = entry.isFile() ? conversationFileName.exec(entry.name)?.[1] : undefined;
      if (id !== undefined) onDisk.add(id);
    }
    let changed = false;
    for (const id of [...this.#summaries.keys()]) {
      if (onDisk.has(id)) continue;
      console.warn(`[store] conversation ${id} is listed but its file is missing; removed from the list`);
      this.#summaries.delete(id);
      changed = true;
    }
    for (const id of onDisk) {
      if (this.#summaries.has(id)) continue;
      const read = this.#readConversation(id);
      if (read.kind !== 'ok') continue;
      this.#summaries.set(id, summaryFromFile(read.data));
      changed = true;
    }
    return changed;
  }

  /** Reads and validates one conversation file; a damaged one is moved aside and reported. */
  #readConversation(id: string): ReadConversation {
    const read = readStoreFile(this.#openStore, this.#conversationsDir, id);
    if (read.kind === 'missing') return { kind: 'missing' };
    if (read.kind === 'ok') {
      const parsed = parseConversationFile(id, read.data);
      if (parsed.ok) return { kind: 'ok', file: read.file, data: parsed.file };
      this.#quarantine(read.file.path, parsed.reason, CONVERSATION_RECOVERY);
    } else {
      this.#quarantine(read.path, read.reason, CONVERSATION_RECOVERY);
    }
    return { kind: 'corrupt' };
  }

  /** The open conversation, reading it on first use; undefined for unknown ids (never a path built from them). */
  #conversation(id: string): OpenConversation | undefined {
    if (!isValidId(id) || !this.#summaries.has(id)) return undefined;
    const open = this.#open.get(id);
    if (open) return open;
    const read = this.#readConversation(id);
    if (read.kind !== 'ok') {
      if (read.kind === 'missing')
        console.warn(`[store] conversation ${id} has no file; removed from the list`);
      this.#summaries.delete(id);
      this.#writeIndexOrDefer();
      this.#indexChanged();
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
    this.#open.set(id, conversation);
    // The index is written lazily, so after a crash it may lag behind the file: catch it up.
    const previous = this.#summaries.get(id);
    if (previous) {
      const updatedAt = Math.max(
        previous.updatedAt,
        lastActivity(conversation.createdAt, conversation.messages),
      );
      this.#setSummary(summarize(previous, conversation.messages, updatedAt));
    }
    return conversation;
  }

  #mutable(id: string): OpenConversation {
    const conversation = this.#conversation(id);
    if (!conversation) {
      throw conversationNotFound();
    }
    return conversation;
  }

  // --- Writing -------------------------------------------------------------------------------

  /** Writes the whole conversation file, unless the conversation was deleted meanwhile. */
  #writeConversation(conversation: OpenConversation): void {
    if (this.#open.get(conversation.id) !== conversation) return;
    const data: ConversationFile = {
      schemaVersion: SCHEMA_VERSION,
      id: conversation.id,
      createdAt: conversation.createdAt,
      messages: conversation.messages,
      ...conversation.backend,
    };
    conversation.file.store = data;
    conversation.dirty = false;
    if (conversation.checkpointTimer) clearTimeout(conversation.checkpointTimer);
    conversation.checkpointTimer = undefined;
  }

  /** Swaps in a new message list and writes it now; on a write error the old list is kept and the error thrown. */
  #replaceMessages(conversation: OpenConversation, next: Message[]): void {
    const before = conversation.messages;
    conversation.messages = next;
    try {
      this.#writeConversation(conversation);
    } catch (error) {
      conversation.messages = before;
      throw error;
    }
    this.#touch(conversation, true);
  }

  /** A debounced checkpoint: a failure is logged, not thrown (nobody is there to catch it). */
  #checkpoint(conversation: OpenConversation): void {
    conversation.checkpointTimer = undefined;
    if (!conversation.dirty) return;
    try {
      this.#writeConversation(conversation);
    } catch (error) {
      console.warn(
        `[store] checkpoint of conversation ${conversation.id} failed; it will be retried on the next change`,
        error,
      );
    }
  }

  /** Updates the summary after the messages changed; `bump` moves updatedAt to now. */
  #touch(conversation: OpenConversation, bump: boolean): void {
    const previous = this.#summaries.get(conversation.id);
    if (!previous) return;
    this.#setSummary(summarize(previous, conversation.messages, bump ? this.#now() : previous.updatedAt));
  }

  #setSummary(next: ConversationSummary): void {
    const previous = this.#summaries.get(next.id);
    if (previous && sameSummary(previous, next)) return;
    this.#summaries.set(next.id, next);
    this.#scheduleIndexWrite();
    this.#indexChanged();
  }

  #indexData(): IndexFile {
    return {
      schemaVersion: SCHEMA_VERSION,
      settings: this.#settings,
      conversations: Object.fromEntries(this.#summaries),
    };
  }

  #writeIndexNow(): void {
    this.#indexFile.store = this.#indexData();
    this.#indexDirty = false;
    if (this.#indexTimer) clearTimeout(this.#indexTimer);
    this.#indexTimer = undefined;
  }

  /** For removals whose files are already gone: a failed index write is retried later, not thrown. */
  #writeIndexOrDefer(): void {
    try {
      this.#writeIndexNow();
    } catch (error) {
      console.warn('[store] writing the conversation index failed; it will be retried', error);
      this.#scheduleIndexWrite();
    }
  }

  #scheduleIndexWrite(): void {
    this.#indexDirty = true;
    if (this.#closed) {
      this.#writeIndexLogged();
      return;
    }
    this.#indexTimer ??= setTimeout(() => {
      this.#indexTimer = undefined;
      if (this.#indexDirty) this.#writeIndexLogged();
    }, this.#indexWriteDelayMs);
  }

  #writeIndexLogged(): void {
    try {
      this.#writeIndexNow();
    } catch (error) {
      console.warn(
        '[store] writing the conversation index failed; it will be retried on the next change',
        error,
      );
    }
  }

  // --- Reporting -----------------------------------------------------------------------------

  #quarantine(file: string, reason: string, recovery: string): void {
    const at = this.#now();
    const movedTo = moveAside(file, at);
    this.#report({ file, movedTo, reason, recovery }, at);
  }

  #report(problem: Omit<StoreProblem, 'at'>, at = this.#now()): void {
    const full: StoreProblem = { ...problem, at };
    this.#problems.push(full);
    console.warn(`[store] ${full.file} is damaged (${full.reason}); moved to ${full.movedTo}`);
    try {
      this.#onProblem?.({ ...full });
    } catch (error) {
      console.warn('[store] onProblem listener failed', error);
    }
  }

  #indexChanged(): void {
    try {
      this.#onIndexChanged?.();
    } catch (error) {
      console.warn('[store] onIndexChanged listener failed', error);
    }
  }

  #conversationPath(id: string): string {
    return path.join(this.#conversationsDir, `${id}.json`);
  }
}
