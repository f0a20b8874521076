import type {
  AssistantApi,
  ChatStreamEvent,
  ConversationSummary,
  Message,
  Result,
  StoreProblem,
  UserError,
} from '../../../shared/index';
import type { Connection } from '../bridge/connection';
import { initialAppState, type ActionNotice, type AppState } from './app-state';
import { createStore, type Store } from './create-store';
import { StreamStore } from './stream-store';
import {
  applyFinished,
  dropLastReply,
  neighbourAfterDelete,
  removeMessage,
  replaceMessage,
  sortConversations,
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
  #loadToken = 0;
  #noticeId = 0;
  #localId = 0;

  constructor(
    private readonly api: AssistantApi,
    private readonly connection: Connection,
  ) {}

  /** Subscribes to the host's events and loads the first state. Returns the unsubscribe. */
  start(): () => void {
    const stops = [
      this.api.on('chat.stream', (event) => this.#onStream(event)),
      this.api.on('conversations.changed', ({ conversations }) => this.#setConversations(conversations)),
      this.api.on('settings.changed', (settings) => this.#set({ settings })),
      this.api.on('store.problem', (problem) => this.#addProblems([problem])),
      this.connection.subscribe(() => this.#onConnection()),
    ];
    this.#set({ connection: this.connection.getState() });
    void this.#refresh(false);
    return () => stops.forEach((stop) => stop());
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

  async remove(id: string): Promise<void> {
    // Chosen before asking: the host's `conversations.changed` may arrive before its answer and drop the row.
    const next = neighbourAfterDelete(this.store.getState().conversations, id);
    const deleted = await this.api.invoke('conversations.delete', { id });
    if (!deleted.ok) return this.#notify(deleted.error, { context: 'The conversation was not deleted.' });
    this.#set((state) => ({ conversations: state.conversations.filter((c) => c.id !== id) }));
    if (this.store.getState().selectedId !== id) return;
    if (next) return this.select(next);
    this.#loadToken++;
    this.#set({
      selectedId: undefined,
      open: undefined,
      composerFocus: this.store.getState().composerFocus + 1,
    });
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
    if (!retried.ok) {
      this.#notify(retried.error, {
        context: 'The reply could not be retried.',
        retry: () => void this.retryReply(),
      });
      await this.#load(open.id, false);
    }
  }

  async stop(): Promise<void> {
    const streamId = this.streams.activeStreamFor(this.store.getState().selectedId);
    if (!streamId) return;
    const cancelled = await this.api.invoke('chat.cancel', { streamId });
    if (!cancelled.ok) this.#notify(cancelled.error, { context: 'The reply could not be stopped.' });
  }

  // --- settings ------------------------------------------------------------------------------

  async loadModels(): Promise<void> {
    const listed = await this.api.invoke('models.list');
    const previous = this.store.getState().modelChoices;
    this.#set({
      modelChoices: listed.ok
        ? { models: listed.value.models }
        : { models: previous.models, error: listed.error.message },
    });
  }

  async chooseModel(model: string): Promise<void> {
    const updated = await this.api.invoke('settings.update', { model });
    if (updated.ok) this.#set({ settings: updated.value });
    else this.#notify(updated.error, { context: 'The model was not changed.' });
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
    if (next === 'open' && previous === 'reconnecting') void this.#refresh(true);
  }

  async #refresh(afterReconnect: boolean): Promise<void> {
    const [list, settings, problems] = await Promise.all([
      this.api.invoke('conversations.list'),
      this.api.invoke('settings.get'),
      this.api.invoke('store.problems'),
    ]);
    if (settings.ok) this.#set({ settings: settings.value });
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
    void this.loadModels();

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
      this.#notifyUnlessOffline(
        loaded,
        'The conversation could not be opened.',
        () => void this.#load(id, false),
      );
      return;
    }
    if (afterReconnect) this.streams.reconcile(loaded.value);
    this.#set({ open: { id, messages: applyFinished(loaded.value.messages, this.#finished) } });
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
      };
      this.#editOpen(event.conversationId, (messages) =>
        messages.some((m) => m.id === event.replyId) ? messages : upsertMessage(messages, placeholder),
      );
    } else if (event.type === 'finished' || event.type === 'cancelled' || event.type === 'failed') {
      const message =
        event.type === 'finished' && event.usage && !event.message.usage
          ? { ...event.message, usage: event.usage }
          : event.message;
      this.#finished.set(message.id, message);
      if (this.#finished.size > FINISHED_MEMORY)
        this.#finished.delete(this.#finished.keys().next().value ?? '');
      // Update the transcript before the live stream goes away, so the final text replaces it in one render.
      const open = this.store.getState().open;
      if (open?.messages.some((m) => m.id === message.id))
        this.#editOpen(open.id, (m) => replaceMessage(m, message.id, message));
    }
    this.streams.apply(event);
  }
}
