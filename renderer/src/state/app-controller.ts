import type { AssistantApi } from '../../../shared/contract/api';
import type { ChatStreamEvent } from '../../../shared/contract/chat-stream';
import type { Result } from '../../../shared/contract/result';
import type { ProfileList, RouteInput, RouteName, RouteOutput } from '../../../shared/contract/routes';
import type { ContextReport } from '../../../shared/domain/context-budget';
import type { Conversation, ConversationSummary, Message } from '../../../shared/domain/conversation';
import type { UserError } from '../../../shared/domain/errors';
import type { ConnectionReport, ProfileStatus, ProfileView } from '../../../shared/domain/profiles';
import type { SettingsView } from '../../../shared/domain/settings';
import type { StoreProblem } from '../../../shared/domain/store-problem';
import type { Connection } from '../bridge/connection';
import { initialAppState, type ActionNotice, type AppState } from './app-state';
import { CompareController } from './compare-controller';
import { LibraryController } from './library-controller';
import { createStore, type Store } from './create-store';
import { PresetController } from './preset-controller';
import { StreamFollower } from './stream-follower';
import { StreamStore } from './stream-store';
import {
  applyFinished,
  dropLastReply,
  neighbourAfterDelete,
  removeMessage,
  replaceMessage,
  settleUserMessage,
  sortConversations,
  truncateFrom,
  upsertMessage,
} from './transcript-ops';

/** Final versions of recently ended replies, to correct a conversation loaded while they were streaming. */
const FINISHED_MEMORY = 50;

/** A one-line excerpt of a message for a notice. (shared's titleFrom would pull zod into the page.) */
function excerpt(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

function problemKey(problem: StoreProblem): string {
  return `${problem.file}\u0000${problem.at}`;
}

/**
 * Everything the UI can do, and the wiring from the contract's events into the stores. Components
 * read the stores and call these methods; they never talk to the bridge themselves.
 */
export class AppController {
  readonly store: Store<AppState> = createStore(initialAppState);
  readonly streams = new StreamStore();
  readonly #finished = new Map<string, Message>();
  readonly #dismissedProblems = new Set<string>();
  /** Stream ids the host gave for each conversation's reply, until it ends: Stop works even before `started` is seen. */
  readonly #sentStreams = new Map<string, string>();
  #loadToken = 0;
  #noticeId = 0;
  #localId = 0;
  #compare: CompareController | undefined;
  #presets: PresetController | undefined;
  #library: LibraryController | undefined;
  #focusSeq = 0;
  /** Learns the streams of replies that were already running when this page loaded. */
  readonly #follower: StreamFollower;

  constructor(
    private readonly api: AssistantApi,
    private readonly connection: Connection,
  ) {
    this.#follower = new StreamFollower(api, this.streams, () => this.store.getState().open);
  }

  /** Subscribes to the host's events and loads the first state. Returns the unsubscribe. */
  start(): () => void {
    const stops = [
      this.api.on('chat.stream', (event) => this.#onStream(event)),
      this.api.on('conversations.changed', ({ conversations }) => this.#setConversations(conversations)),
      this.api.on('settings.changed', (settings) => this.#setSettings(settings)),
      this.api.on('store.problem', (problem) => this.#addProblems([problem])),
      this.api.on('profiles.changed', (list) => this.#setProfiles(list)),
      this.api.on('profiles.status', (status) => this.#setStatus(status)),
      this.connection.subscribe(() => this.#onConnection()),
      this.#watchNetwork(),
    ];
    this.#set({ connection: this.connection.getState() });
    void this.#refresh(false);
    return () => stops.forEach((stop) => stop());
  }

  // --- views ---------------------------------------------------------------------------------

  /** Shows backend settings, on one profile when given (e.g. from an error's "Open profile settings"). */
  openSettings(profileId?: string): void {
    this.#set((state) => ({
      view: 'settings',
      sidebarOpen: false,
      settingsRequest: { seq: state.settingsRequest.seq + 1, ...(profileId ? { profileId } : {}) },
    }));
  }

  closeSettings(): void {
    this.#set({ view: 'chat' });
  }

  /** The compare view's controller, made when the view first needs it (it subscribes when the view mounts). */
  get compare(): CompareController {
    return (this.#compare ??= new CompareController(this.api));
  }

  /** The system prompt presets, for the bar above the transcript (listed on first use). */
  get presets(): PresetController {
    return (this.#presets ??= new PresetController(this.api));
  }

  /** The conversation library: trash with Undo, rename, pin, search, export and import (made on first use). */
  get library(): LibraryController {
    return (this.#library ??= new LibraryController(this.api, this.connection, this));
  }

  /** A plain request, for settings sections that keep their own state (backups). */
  request<R extends RouteName>(route: R, input?: RouteInput<R>): Promise<Result<RouteOutput<R>>> {
    return this.api.invoke(route, input);
  }

  /** Shows the compare view, with a prompt from the chat filled in when given ("Compare this prompt…"). */
  openCompare(prompt?: string): void {
    this.#set((state) => ({
      view: 'compare',
      sidebarOpen: false,
      compareRequest: { seq: state.compareRequest.seq + 1, ...(prompt !== undefined ? { prompt } : {}) },
    }));
  }

  closeCompare(): void {
    this.#set((state) => ({ view: 'chat', composerFocus: state.composerFocus + 1 }));
  }

  // --- conversations -------------------------------------------------------------------------

  async select(id: string): Promise<void> {
    const state = this.store.getState();
    this.#set({ sidebarOpen: false, composerFocus: state.composerFocus + 1 });
    if (id === state.selectedId && state.open?.id === id) return;
    this.#set({ selectedId: id, open: undefined, notice: undefined });
    await this.#load(id, false);
  }

  async newChat(): Promise<void> {
    const state = this.store.getState();
    // An empty conversation is already a new chat: reuse it rather than pile up empty ones.
    if (state.open && state.open.messages.length === 0) {
      this.#set({ sidebarOpen: false, notice: undefined, composerFocus: state.composerFocus + 1 });
      return;
    }
    const created = await this.api.invoke('conversations.create');
    if (!created.ok) return this.#notify(created.error, { context: 'A new chat could not be started.' });
    this.#openNew(created.value);
  }

  /** Moves a conversation to the trash (opening a neighbour if it was open); answers its trash id, for Undo. */
  async remove(id: string): Promise<string | undefined> {
    // Chosen before asking: the host's `conversations.changed` may arrive before its answer and drop the row.
    const next = neighbourAfterDelete(this.store.getState().conversations, id);
    const deleted = await this.api.invoke('conversations.delete', { id });
    if (!deleted.ok) {
      this.#notify(deleted.error, { context: 'The conversation was not deleted.' });
      return undefined;
    }
    this.#set((state) => ({ conversations: state.conversations.filter((c) => c.id !== id) }));
    if (this.store.getState().selectedId !== id) return deleted.value.trashId;
    if (next) {
      await this.select(next);
      return deleted.value.trashId;
    }
    this.#loadToken++;
    this.#set({
      selectedId: undefined,
      open: undefined,
      composerFocus: this.store.getState().composerFocus + 1,
    });
    return deleted.value.trashId;
  }

  /**
   * Opens a conversation at one of its messages (a search hit): sets `focusMessage`, which the
   * transcript honours once that conversation shows. Without a message it just opens the conversation.
   */
  async openMessage(conversationId: string, messageId?: string): Promise<void> {
    if (messageId !== undefined)
      this.#set({ focusMessage: { conversationId, messageId, seq: ++this.#focusSeq } });
    await this.select(conversationId);
  }

  /** A summary the host answered (rename, pin, restore, import): listed at once, before `conversations.changed`. */
  upsertConversation(summary: ConversationSummary): void {
    this.#upsertConversation(summary);
  }

  // --- chat ----------------------------------------------------------------------------------

  /** Sends a message, creating a conversation first when there is none. Resolves when the host accepted it (or not). */
  async send(rawText: string): Promise<void> {
    const text = rawText.trim();
    if (!text || this.store.getState().sending) return;
    this.#set({ sending: true, notice: undefined });
    const retry = () => void this.send(text);
    const context = `Your message “${excerpt(text)}” was not sent.`;
    try {
      let conversationId = this.store.getState().selectedId;
      if (!conversationId) {
        const created = await this.api.invoke('conversations.create');
        if (!created.ok) return this.#notify(created.error, { context, retry });
        this.#openNew(created.value);
        conversationId = created.value.id;
      }
      // Shown at once; the host saves the same text (it arrives before the reply's `started`).
      const local: Message = {
        id: `local-${++this.#localId}`,
        role: 'user',
        content: text,
        createdAt: Date.now(),
        status: 'complete',
      };
      this.#editOpen(conversationId, (messages) => [...messages, local]);
      const sent = await this.api.invoke('chat.send', { conversationId, text });
      if (sent.ok) {
        this.#sentStreams.set(conversationId, sent.value.streamId);
        const saved = sent.value.userMessage;
        this.#editOpen(conversationId, (messages) => settleUserMessage(messages, saved));
      }
      if (!sent.ok) {
        this.#editOpen(conversationId, (messages) => removeMessage(messages, local.id));
        this.#notify(sent.error, { context, retry });
      }
    } finally {
      this.#set({ sending: false, composerFocus: this.store.getState().composerFocus + 1 });
    }
  }

  /** Asks again for the last user turn, replacing the last reply (failed, cancelled or incomplete). */
  async retryReply(): Promise<void> {
    const open = this.store.getState().open;
    if (!open) return;
    this.#set({ notice: undefined });
    this.#editOpen(open.id, dropLastReply);
    const retried = await this.api.invoke('chat.retry', { conversationId: open.id });
    if (retried.ok) this.#sentStreams.set(open.id, retried.value.streamId);
    if (!retried.ok) {
      this.#notify(retried.error, {
        context: 'The reply could not be retried.',
        retry: () => void this.retryReply(),
      });
      await this.#load(open.id, false);
    }
  }

  /** Asks the model to go on from the open conversation's cut-off reply, appending to it. */
  async continueReply(): Promise<void> {
    const open = this.store.getState().open;
    if (!open) return;
    this.#set({ notice: undefined });
    const continued = await this.api.invoke('chat.continue', { conversationId: open.id });
    if (continued.ok) this.#sentStreams.set(open.id, continued.value.streamId);
    else this.#notify(continued.error, { context: 'The reply could not be continued.' });
  }

  // --- memory: edit and resend, system prompt, context -----------------------------------------

  /**
   * Sends an edited version of one of the user's earlier messages: it and every later turn are
   * replaced at once here (main keeps them in the trash). Resolves true when the host accepted it.
   */
  async editAndResend(messageId: string, rawText: string): Promise<boolean> {
    const text = rawText.trim();
    const open = this.store.getState().open;
    if (!text || !open || this.store.getState().sending) return false;
    const before = open.messages;
    this.#set({ sending: true, notice: undefined });
    const local: Message = {
      id: `local-${++this.#localId}`,
      role: 'user',
      content: text,
      createdAt: Date.now(),
      status: 'complete',
    };
    this.#editOpen(open.id, (messages) => [...truncateFrom(messages, messageId), local]);
    try {
      const sent = await this.api.invoke('chat.editAndResend', { conversationId: open.id, messageId, text });
      if (sent.ok) {
        this.#sentStreams.set(open.id, sent.value.streamId);
        const saved = sent.value.userMessage;
        this.#editOpen(open.id, (messages) => settleUserMessage(messages, saved));
        return true;
      }
      // Nothing was replaced: show the conversation as it was.
      this.#editOpen(open.id, () => before);
      this.#notify(sent.error, {
        context: `Your edited message “${excerpt(text)}” was not sent.`,
        retry: () => void this.editAndResend(messageId, text),
      });
      return false;
    } finally {
      this.#set({ sending: false, composerFocus: this.store.getState().composerFocus + 1 });
    }
  }

  /**
   * Sets (empty: removes) the open conversation's system prompt, creating the conversation first
   * when this is a new chat. The answer is for the caller to show where the change was asked.
   */
  async setSystemPrompt(prompt: string, presetId?: string): Promise<Result<Conversation>> {
    let conversationId = this.store.getState().selectedId;
    if (!conversationId) {
      const created = await this.api.invoke('conversations.create');
      if (!created.ok) return created;
      this.#openNew(created.value);
      conversationId = created.value.id;
    }
    const changed = await this.api.invoke('conversations.setSystemPrompt', {
      conversationId,
      prompt,
      ...(presetId !== undefined ? { presetId } : {}),
    });
    if (changed.ok) this.#editOpen(conversationId, () => changed.value.messages);
    return changed;
  }

  /** What the next request of a conversation would hold against the model's context (the meter). */
  contextReport(conversationId: string, draft: string): Promise<Result<ContextReport>> {
    return this.api.invoke('chat.context', { conversationId, ...(draft.trim() ? { draft } : {}) });
  }

  /** Stops the open conversation's reply, whether it streams, waits for a model or waits to retry. */
  async stop(): Promise<void> {
    const selectedId = this.store.getState().selectedId;
    const streamId =
      this.streams.activeStreamFor(selectedId) ??
      (selectedId !== undefined ? this.#sentStreams.get(selectedId) : undefined);
    if (!streamId) return;
    const cancelled = await this.api.invoke('chat.cancel', { streamId });
    if (!cancelled.ok) this.#notify(cancelled.error, { context: 'The reply could not be stopped.' });
  }

  // --- backends ------------------------------------------------------------------------------

  /**
   * Switches the open conversation to another profile and/or model (`null`: the profile's default),
   * creating the conversation first when this is a new chat. Its history stays and goes to the new backend.
   */
  async setBackend(profileId: string, model: string | null): Promise<void> {
    let conversationId = this.store.getState().selectedId;
    const context = 'The backend was not changed.';
    if (!conversationId) {
      const created = await this.api.invoke('conversations.create');
      if (!created.ok) return this.#notify(created.error, { context });
      this.#openNew(created.value);
      conversationId = created.value.id;
    }
    const changed = await this.api.invoke('conversations.setBackend', { conversationId, profileId, model });
    if (!changed.ok) return this.#notify(changed.error, { context });
    this.#upsertConversation(changed.value);
  }

  /** Fetches a profile's model list (the header combobox and the editor ask on focus). */
  async loadModels(profileId: string): Promise<void> {
    const listed = await this.api.invoke('models.list', { profileId });
    this.#set((state) => {
      const previous = state.modelChoices[profileId];
      const next = listed.ok
        ? { models: listed.value.models }
        : { models: previous?.models ?? [], error: listed.error.message };
      return { modelChoices: { ...state.modelChoices, [profileId]: next } };
    });
  }

  async loadProfiles(): Promise<void> {
    const listed = await this.api.invoke('profiles.list');
    if (listed.ok) this.#setProfiles(listed.value);
  }

  async createProfile(input: RouteInput<'profiles.create'>): Promise<Result<ProfileView>> {
    const created = await this.api.invoke('profiles.create', input);
    if (created.ok) this.#upsertProfile(created.value);
    return created;
  }

  async updateProfile(
    id: string,
    patch: RouteInput<'profiles.update'>['patch'],
  ): Promise<Result<ProfileView>> {
    const updated = await this.api.invoke('profiles.update', { id, patch });
    if (updated.ok) this.#upsertProfile(updated.value);
    if (updated.ok) this.#forgetModels(id);
    return updated;
  }

  async duplicateProfile(id: string): Promise<Result<ProfileView>> {
    const copy = await this.api.invoke('profiles.duplicate', { id });
    if (copy.ok) this.#upsertProfile(copy.value);
    return copy;
  }

  profileUsage(id: string): Promise<Result<{ conversations: number; isDefault: boolean }>> {
    return this.api.invoke('profiles.usage', { id });
  }

  async deleteProfile(
    id: string,
    replacementId?: string,
  ): Promise<Result<{ id: string; reassigned: number }>> {
    const deleted = await this.api.invoke('profiles.delete', replacementId ? { id, replacementId } : { id });
    if (deleted.ok) {
      this.#set((state) => ({ profiles: state.profiles.filter((p) => p.id !== id) }));
      // Conversations that used it now name the replacement; both lists come fresh.
      void this.loadProfiles();
      void this.#reloadConversations();
    }
    return deleted;
  }

  async makeDefault(id: string): Promise<Result<SettingsView>> {
    const updated = await this.api.invoke('profiles.setDefault', { id });
    if (updated.ok) this.#setSettings(updated.value);
    return updated;
  }

  testProfile(input: RouteInput<'profiles.test'>): Promise<Result<ConnectionReport>> {
    return this.api.invoke('profiles.test', input);
  }

  // --- small UI state ------------------------------------------------------------------------

  dismissNotice(): void {
    this.#set({ notice: undefined });
  }

  dismissProblem(problem: StoreProblem): void {
    this.#dismissedProblems.add(problemKey(problem));
    this.#set((state) => ({ problems: state.problems.filter((p) => problemKey(p) !== problemKey(problem)) }));
  }

  setSidebarOpen(open: boolean): void {
    this.#set({ sidebarOpen: open });
  }

  /** A failed action's notice in the chat pane, for actions made elsewhere (the library's). */
  showNotice(error: UserError, context: string): void {
    this.#notify(error, { context });
  }

  focusComposer(): void {
    this.#set((state) => ({ composerFocus: state.composerFocus + 1 }));
  }

  // --- internals -----------------------------------------------------------------------------

  #set(update: Partial<AppState> | ((state: AppState) => Partial<AppState>)): void {
    this.store.setState(update);
  }

  #notify(error: UserError, options: Omit<ActionNotice, 'id' | 'error'> = {}): void {
    this.#set({ notice: { id: ++this.#noticeId, error, ...options } });
  }

  /** Background loads stay quiet while the connection banner already says what is wrong. */
  #notifyUnlessOffline<T>(result: Result<T>, context: string, retry?: () => void): void {
    if (result.ok || this.store.getState().connection !== 'open') return;
    this.#notify(result.error, { context, ...(retry ? { retry } : {}) });
  }

  #onConnection(): void {
    const previous = this.store.getState().connection;
    const next = this.connection.getState();
    this.#set({ connection: next });
    if (next === 'reconnecting') this.#follower.onDisconnected();
    if (next === 'open' && previous === 'reconnecting') void this.#refresh(true);
  }

  /** The browser's online/offline events; main's monitor recovers statuses itself, this only refreshes them. */
  #watchNetwork(): () => void {
    const onChange = () => {
      this.#set({ online: navigator.onLine });
      if (navigator.onLine) void this.loadProfiles();
    };
    window.addEventListener('online', onChange);
    window.addEventListener('offline', onChange);
    return () => {
      window.removeEventListener('online', onChange);
      window.removeEventListener('offline', onChange);
    };
  }

  async #refresh(afterReconnect: boolean): Promise<void> {
    const [list, settings, problems, profiles] = await Promise.all([
      this.api.invoke('conversations.list'),
      this.api.invoke('settings.get'),
      this.api.invoke('store.problems'),
      this.api.invoke('profiles.list'),
    ]);
    if (settings.ok) this.#setSettings(settings.value);
    if (profiles.ok) this.#setProfiles(profiles.value);
    if (problems.ok) this.#addProblems(problems.value);
    if (!list.ok) {
      this.#notifyUnlessOffline(
        list,
        'The conversation list could not be loaded.',
        () => void this.#refresh(afterReconnect),
      );
      return;
    }
    this.#setConversations(list.value);
    this.#set({ conversationsLoaded: true });

    const { selectedId, conversations } = this.store.getState();
    if (selectedId && conversations.some((c) => c.id === selectedId)) {
      await this.#load(selectedId, afterReconnect);
    } else {
      const first = conversations[0];
      if (first) {
        this.#set({ selectedId: first.id, open: undefined });
        await this.#load(first.id, afterReconnect);
      } else {
        this.#set({ selectedId: undefined, open: undefined });
        if (afterReconnect) this.streams.reconcile(undefined);
      }
    }
  }

  async #load(id: string, afterReconnect: boolean): Promise<void> {
    const token = ++this.#loadToken;
    const loaded = await this.api.invoke('conversations.get', { id });
    if (token !== this.#loadToken || this.store.getState().selectedId !== id) return;
    if (!loaded.ok) {
      if (loaded.error.code === 'not-found') {
        // Gone (deleted elsewhere, or damaged and moved aside when read, which the store reports
        // with its path): a retry cannot help, so say why and show another conversation.
        const next = this.store.getState().conversations.find((c) => c.id !== id);
        this.#set({ selectedId: next?.id, open: undefined });
        this.#notify(loaded.error, { context: 'The conversation could not be opened.' });
        if (next) await this.#load(next.id, false);
        return;
      }
      this.#notifyUnlessOffline(
        loaded,
        'The conversation could not be opened.',
        () => void this.#load(id, false),
      );
      return;
    }
    if (afterReconnect) this.streams.reconcile(loaded.value);
    this.#set({ open: { id, messages: applyFinished(loaded.value.messages, this.#finished) } });
    this.#follower.onLoaded(loaded.value);
  }

  #openNew(summary: ConversationSummary): void {
    this.#loadToken++; // Any load still in flight is for a conversation no longer shown.
    this.#set((state) => ({
      conversations: sortConversations([summary, ...state.conversations.filter((c) => c.id !== summary.id)]),
      selectedId: summary.id,
      open: { id: summary.id, messages: [] },
      notice: undefined,
      sidebarOpen: false,
      composerFocus: state.composerFocus + 1,
    }));
  }

  #editOpen(conversationId: string, edit: (messages: Message[]) => Message[]): void {
    this.#set((state) =>
      state.open?.id === conversationId
        ? { open: { id: conversationId, messages: edit(state.open.messages) } }
        : {},
    );
  }

  #setConversations(list: ConversationSummary[]): void {
    this.#set({ conversations: sortConversations(list) });
  }

  #upsertConversation(summary: ConversationSummary): void {
    this.#set((state) => ({
      conversations: sortConversations([summary, ...state.conversations.filter((c) => c.id !== summary.id)]),
    }));
  }

  async #reloadConversations(): Promise<void> {
    const list = await this.api.invoke('conversations.list');
    if (list.ok) this.#setConversations(list.value);
  }

  #setSettings(settings: SettingsView): void {
    this.#set({ settings, defaultProfileId: settings.defaultProfileId });
  }

  #setProfiles(list: ProfileList): void {
    this.#set((state) => {
      const statuses: Record<string, ProfileStatus> = {};
      for (const status of list.statuses) {
        const known = state.profileStatuses[status.profileId];
        statuses[status.profileId] = known && known.checkedAt > status.checkedAt ? known : status;
      }
      return {
        profiles: list.profiles,
        profilesLoaded: true,
        defaultProfileId: list.defaultProfileId,
        profileStatuses: statuses,
      };
    });
  }

  #upsertProfile(profile: ProfileView): void {
    this.#set((state) => {
      const index = state.profiles.findIndex((p) => p.id === profile.id);
      if (index === -1) return { profiles: [...state.profiles, profile] };
      const profiles = state.profiles.slice();
      profiles[index] = profile;
      return { profiles };
    });
  }

  #setStatus(status: ProfileStatus): void {
    this.#set((state) => {
      const known = state.profileStatuses[status.profileId];
      if (known && known.checkedAt > status.checkedAt) return {};
      return { profileStatuses: { ...state.profileStatuses, [status.profileId]: status } };
    });
  }

  /** A saved change to a profile can change what its backend lists: ask again next time. */
  #forgetModels(profileId: string): void {
    this.#set((state) => {
      if (!(profileId in state.modelChoices)) return {};
      const { [profileId]: _dropped, ...rest } = state.modelChoices;
      return { modelChoices: rest };
    });
  }

  #addProblems(problems: StoreProblem[]): void {
    this.#set((state) => {
      const known = new Set([...state.problems.map(problemKey), ...this.#dismissedProblems]);
      const fresh = problems.filter((p) => !known.has(problemKey(p)));
      return fresh.length ? { problems: [...state.problems, ...fresh] } : {};
    });
  }

  #onStream(event: ChatStreamEvent): void {
    if (event.type === 'started') {
      const placeholder: Message = {
        id: event.replyId,
        role: 'assistant',
        content: '',
        createdAt: Date.now(),
        status: 'streaming',
        ...(event.model ? { model: event.model } : {}),
        profileId: event.profileId,
        profileName: event.profileName,
        ...(event.context ? { context: event.context } : {}),
      };
      this.#editOpen(event.conversationId, (current) => {
        // An edit-and-resend from another window replaced these turns: drop them before adding the new one.
        let messages = event.truncatedFrom ? truncateFrom(current, event.truncatedFrom) : current;
        // Sent or retried from another window (main or tray): show the same turns here.
        if (event.userMessage) messages = settleUserMessage(messages, event.userMessage);
        if (event.replaces) messages = removeMessage(messages, event.replaces);
        const existing = messages.find((m) => m.id === event.replyId);
        if (!existing) return upsertMessage(messages, placeholder);
        if (event.initialText === undefined) return messages;
        // A continued reply streams again into the same message, its partial text kept.
        const { error: _error, ...rest } = existing;
        return upsertMessage(messages, {
          ...rest,
          status: 'streaming',
          ...(event.context ? { context: event.context } : {}),
        });
      });
    } else if (event.type === 'finished' || event.type === 'cancelled' || event.type === 'failed') {
      const message =
        event.type === 'finished' && event.usage && !event.message.usage
          ? { ...event.message, usage: event.usage }
          : event.message;
      this.#finished.set(message.id, message);
      for (const [conversationId, streamId] of this.#sentStreams)
        if (streamId === event.streamId) this.#sentStreams.delete(conversationId);
      if (this.#finished.size > FINISHED_MEMORY)
        this.#finished.delete(this.#finished.keys().next().value ?? '');
      // Update the transcript before the live stream goes away, so the final text replaces it in one render.
      const open = this.store.getState().open;
      if (open?.messages.some((m) => m.id === message.id))
        this.#editOpen(open.id, (m) => replaceMessage(m, message.id, message));
    }
    this.#follower.onEvent(event);
    this.streams.apply(event);
  }
}
