import type { AssistantApi } from '../../../../shared/contract/api';
import type { Result } from '../../../../shared/contract/result';
import type { ConversationSummary, Message } from '../../../../shared/domain/conversation';
import type { ReasoningEffort } from '../../../../shared/domain/reasoning-effort';
import type { AppState } from '../app-state';
import type { ReplyTracker } from '../chat/reply-tracker';
import type { Store } from '../core/create-store';
import type { NoticesController } from '../notices/notices-controller';
import { neighbourAfterDelete, sortConversations } from '../transcript/transcript-ops';
import { editOpenMessages } from './edit-open';
import { mostRecent } from './most-recent';

/**
 * The conversation list, which conversation is selected, and loading the open one: select, new
 * chat, delete (opening a neighbour), open at a message (a search hit), and the backend a
 * conversation talks to.
 */
export class ConversationsController {
  #loadToken = 0;
  #focusSeq = 0;

  constructor(
    private readonly api: AssistantApi,
    private readonly store: Store<AppState>,
    private readonly notices: NoticesController,
    private readonly replies: ReplyTracker,
  ) {}

  async select(id: string): Promise<void> {
    const state = this.store.getState();
    this.store.setState({ sidebarOpen: false, composerFocus: state.composerFocus + 1 });
    if (id === state.selectedId && state.open?.id === id) return;
    this.store.setState({ selectedId: id, open: undefined, notice: undefined, draftingNew: false });
    await this.load(id);
  }

  /**
   * Starts a new chat without creating it: the host makes the conversation on its first message
   * (or when a backend or system prompt is chosen for it), so an unused New chat leaves no empty
   * entry in the list. It talks to the default profile, whatever the previous conversation used.
   */
  newChat(): Promise<void> {
    this.#loadToken++; // Any load still in flight is for a conversation no longer shown.
    this.store.setState((state) => ({
      selectedId: undefined,
      open: undefined,
      draftingNew: true,
      notice: undefined,
      sidebarOpen: false,
      composerFocus: state.composerFocus + 1,
    }));
    return Promise.resolve();
  }

  /** Asks the host for a new conversation and opens it here. */
  async create(): Promise<Result<ConversationSummary>> {
    const created = await this.api.invoke('conversations.create');
    if (created.ok) this.#openNew(created.value);
    return created;
  }

  /** The selected conversation, created first when this is a new chat; undefined (notified) when it could not be. */
  async ensureSelected(context: string, retry?: () => void): Promise<string | undefined> {
    const selectedId = this.store.getState().selectedId;
    if (selectedId) return selectedId;
    const created = await this.create();
    if (created.ok) return created.value.id;
    this.notices.notify(created.error, { context, ...(retry ? { retry } : {}) });
    return undefined;
  }

  /** Moves a conversation to the trash (opening a neighbour if it was open); answers its trash id, for Undo. */
  async remove(id: string): Promise<string | undefined> {
    // Chosen before asking: the host's `conversations.changed` may arrive before its answer and drop the row.
    const next = neighbourAfterDelete(this.store.getState().conversations, id);
    const deleted = await this.api.invoke('conversations.delete', { id });
    if (!deleted.ok) {
      this.notices.notify(deleted.error, { context: 'The conversation was not deleted.' });
      return undefined;
    }
    this.store.setState((state) => ({ conversations: state.conversations.filter((c) => c.id !== id) }));
    if (this.store.getState().selectedId !== id) return deleted.value.trashId;
    if (next) {
      await this.select(next);
      return deleted.value.trashId;
    }
    this.#loadToken++;
    this.store.setState({
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
      this.store.setState({ focusMessage: { conversationId, messageId, seq: ++this.#focusSeq } });
    await this.select(conversationId);
  }

  /** A summary the host answered (rename, pin, restore, import, backend): listed at once, before `conversations.changed`. */
  upsert(summary: ConversationSummary): void {
    this.store.setState((state) => ({
      conversations: sortConversations([summary, ...state.conversations.filter((c) => c.id !== summary.id)]),
    }));
  }

  setList(list: ConversationSummary[]): void {
    this.store.setState({ conversations: sortConversations(list) });
  }

  async reloadList(): Promise<void> {
    const list = await this.api.invoke('conversations.list');
    if (list.ok) this.setList(list.value);
  }

  /**
   * Shows the list the host answered at start or after a reconnect, and loads the selected
   * conversation again (or the most recent one, or none).
   */
  async showList(list: ConversationSummary[]): Promise<void> {
    this.setList(list);
    this.store.setState({ conversationsLoaded: true });
    const { selectedId, conversations, draftingNew } = this.store.getState();
    if (selectedId && conversations.some((c) => c.id === selectedId)) {
      await this.load(selectedId);
      return;
    }
    if (selectedId === undefined && draftingNew) return; // A new chat being written stays.
    // The most recently used one (the list shows pinned ones first), as the tray window does.
    const first = mostRecent(conversations);
    if (first) {
      this.store.setState({ selectedId: first.id, open: undefined });
      await this.load(first.id);
    } else {
      this.store.setState({ selectedId: undefined, open: undefined });
    }
  }

  /** Loads a conversation's messages; a load overtaken by another selection is dropped. */
  async load(id: string): Promise<void> {
    const token = ++this.#loadToken;
    const loaded = await this.api.invoke('conversations.get', { id });
    if (token !== this.#loadToken || this.store.getState().selectedId !== id) return;
    if (!loaded.ok) {
      if (loaded.error.code === 'not-found') {
        // Gone (deleted elsewhere, or damaged and moved aside when read, which the store reports
        // with its path): a retry cannot help, so say why and show another conversation.
        const next = this.store.getState().conversations.find((c) => c.id !== id);
        this.store.setState({ selectedId: next?.id, open: undefined });
        this.notices.notify(loaded.error, { context: 'The conversation could not be opened.' });
        if (next) await this.load(next.id);
        return;
      }
      this.notices.notifyUnlessOffline(
        loaded,
        'The conversation could not be opened.',
        () => void this.load(id),
      );
      return;
    }
    // Its replies still streaming show live from the reply store (joined via `chat.streams`).
    this.store.setState({ open: { id, messages: this.replies.withFinished(loaded.value.messages) } });
  }

  editOpen(conversationId: string, edit: (messages: Message[]) => Message[]): void {
    editOpenMessages(this.store, conversationId, edit);
  }

  /**
   * Switches the open conversation to another profile and/or model (`null`: the profile's default),
   * creating the conversation first when this is a new chat. Its history stays and goes to the new backend.
   */
  async setBackend(profileId: string, model: string | null): Promise<void> {
    const context = 'The backend was not changed.';
    const conversationId = await this.ensureSelected(context);
    if (!conversationId) return;
    const changed = await this.api.invoke('conversations.setBackend', { conversationId, profileId, model });
    if (!changed.ok) return this.notices.notify(changed.error, { context });
    this.upsert(changed.value);
  }

  /**
   * Sets (`null`: clears, so the profile's applies) how hard a reasoning model thinks in the open
   * conversation, creating it first when this is a new chat.
   */
  async setReasoningEffort(effort: ReasoningEffort | null): Promise<void> {
    const context = 'The reasoning effort was not changed.';
    const conversationId = await this.ensureSelected(context);
    if (!conversationId) return;
    const changed = await this.api.invoke('conversations.setReasoningEffort', {
      conversationId,
      reasoningEffort: effort,
    });
    if (!changed.ok) return this.notices.notify(changed.error, { context });
    this.upsert(changed.value);
  }

  #openNew(summary: ConversationSummary): void {
    this.#loadToken++; // Any load still in flight is for a conversation no longer shown.
    this.store.setState((state) => ({
      conversations: sortConversations([summary, ...state.conversations.filter((c) => c.id !== summary.id)]),
      selectedId: summary.id,
      open: { id: summary.id, messages: [] },
      draftingNew: false,
      notice: undefined,
      sidebarOpen: false,
      composerFocus: state.composerFocus + 1,
    }));
  }
}
