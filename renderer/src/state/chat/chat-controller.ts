import type { AssistantApi } from '../../../../shared/contract/api';
import type { Result } from '../../../../shared/contract/result';
import type { ContextReport } from '../../../../shared/domain/context-budget';
import type { Conversation, Message } from '../../../../shared/domain/conversation';
import type { AttachmentPart } from '../../../../shared/domain/message-parts';
import { excerpt } from '../../../../shared/domain/excerpt';
import { textParts } from '../../../../shared/domain/message-content';
import type { AppState } from '../app-state';
import type { Store } from '../core/create-store';
import type { ConversationsController } from '../conversations/conversations-controller';
import type { NoticesController } from '../notices/notices-controller';
import { dropLastReply, removeMessage, settleUserMessage, truncateFrom } from '../transcript/transcript-ops';
import type { DraftAttachmentsController } from './attachments-controller';
import { isReading, readyParts } from './draft-attachments';
import type { ReplyTracker } from './reply-tracker';

/**
 * Chatting in the open conversation: send, retry, continue, edit and resend, stop, the system
 * prompt and the context meter's preview. The user's message shows at once and settles with the
 * host's saved copy; the reply itself arrives through `ReplyTracker`. The composer's draft (text and
 * attachment chips) lives here too: it clears only once the host accepted the message.
 */
export class ChatController {
  #localId = 0;

  constructor(
    private readonly api: AssistantApi,
    private readonly store: Store<AppState>,
    private readonly notices: NoticesController,
    private readonly conversations: ConversationsController,
    private readonly replies: ReplyTracker,
    private readonly attachments: DraftAttachmentsController,
  ) {}

  setDraftText(text: string): void {
    this.store.setState({ draftText: text });
  }

  /**
   * Sends what the composer holds: its text and its ready attachments (refused chips stay behind to
   * be dismissed). Nothing while a chip is still being read. Resolves true when the host accepted it.
   */
  sendDraft(): Promise<boolean> {
    const { draftText, draftAttachments } = this.store.getState();
    if (isReading(draftAttachments)) return Promise.resolve(false);
    return this.send(draftText, readyParts(draftAttachments));
  }

  /**
   * Sends a message, creating a conversation first when there is none. Resolves true when the host
   * accepted it; then the composer's draft clears (as far as it still is what was sent).
   */
  async send(rawText: string, attachments: readonly AttachmentPart[] = []): Promise<boolean> {
    const text = rawText.trim();
    if ((!text && attachments.length === 0) || this.store.getState().sending) return false;
    this.store.setState({ sending: true, notice: undefined });
    const retry = () => void this.send(rawText, attachments);
    const context = text
      ? `Your message “${excerpt(text)}” was not sent.`
      : `Your ${attachments.length === 1 ? 'attachment was' : 'attachments were'} not sent.`;
    try {
      const conversationId = await this.conversations.ensureSelected(context, retry);
      if (!conversationId) return false;
      // Shown at once; the host saves the same text (it arrives before the reply's `started`).
      const local = this.#localMessage(text, attachments);
      this.conversations.editOpen(conversationId, (messages) => [...messages, local]);
      const sent = await this.api.invoke('chat.send', {
        conversationId,
        text,
        ...(attachments.length ? { attachments: [...attachments] } : {}),
      });
      if (!sent.ok) {
        this.conversations.editOpen(conversationId, (messages) => removeMessage(messages, local.id));
        this.notices.notify(sent.error, { context, retry });
        return false;
      }
      this.replies.sent(conversationId, sent.value.streamId);
      const saved = sent.value.userMessage;
      this.conversations.editOpen(conversationId, (messages) => settleUserMessage(messages, saved));
      // Typing may have gone on meanwhile: only what was sent is cleared.
      if (this.store.getState().draftText.trim() === text) this.store.setState({ draftText: '' });
      this.attachments.clearSent(attachments);
      return true;
    } finally {
      this.#sendingDone();
    }
  }

  /** Asks again for the last user turn, replacing the last reply (failed, cancelled or incomplete). */
  async retryReply(): Promise<void> {
    const open = this.store.getState().open;
    if (!open) return;
    this.store.setState({ notice: undefined });
    this.conversations.editOpen(open.id, dropLastReply);
    const retried = await this.api.invoke('chat.retry', { conversationId: open.id });
    if (retried.ok) this.replies.sent(open.id, retried.value.streamId);
    if (!retried.ok) {
      this.notices.notify(retried.error, {
        context: 'The reply could not be retried.',
        retry: () => void this.retryReply(),
      });
      await this.conversations.load(open.id);
    }
  }

  /**
   * Shows another version of a turn (‹ 1/2 ›) in the open conversation; the conversation goes on
   * from it. Resolves with the id of the message now starting that turn (undefined: refused).
   */
  async showVersion(messageId: string, version: number): Promise<string | undefined> {
    const open = this.store.getState().open;
    if (!open) return undefined;
    const index = open.messages.findIndex((m) => m.id === messageId);
    const shown = await this.api.invoke('chat.showVersion', { conversationId: open.id, messageId, version });
    if (!shown.ok) {
      this.notices.notify(shown.error, { context: 'That version could not be shown.' });
      return undefined;
    }
    this.conversations.editOpen(open.id, () => shown.value.messages);
    // The turn starts where it did, after any system prompt the switch kept in the shown path.
    return shown.value.messages.slice(index).find((m) => m.role !== 'system')?.id;
  }

  /** Asks the model to go on from the open conversation's cut-off reply, appending to it. */
  async continueReply(): Promise<void> {
    const open = this.store.getState().open;
    if (!open) return;
    this.store.setState({ notice: undefined });
    const continued = await this.api.invoke('chat.continue', { conversationId: open.id });
    if (continued.ok) this.replies.sent(open.id, continued.value.streamId);
    else this.notices.notify(continued.error, { context: 'The reply could not be continued.' });
  }

  /**
   * Sends an edited version of one of the user's earlier messages: it and every later turn are
   * replaced at once here (main keeps them in the trash). Resolves true when the host accepted it.
   */
  async editAndResend(
    messageId: string,
    rawText: string,
    attachments: readonly AttachmentPart[] = [],
  ): Promise<boolean> {
    const text = rawText.trim();
    const open = this.store.getState().open;
    if ((!text && attachments.length === 0) || !open || this.store.getState().sending) return false;
    const before = open.messages;
    this.store.setState({ sending: true, notice: undefined });
    const local = this.#localMessage(text, attachments);
    this.conversations.editOpen(open.id, (messages) => [...truncateFrom(messages, messageId), local]);
    try {
      const sent = await this.api.invoke('chat.editAndResend', {
        conversationId: open.id,
        messageId,
        text,
        ...(attachments.length ? { attachments: [...attachments] } : {}),
      });
      if (sent.ok) {
        this.replies.sent(open.id, sent.value.streamId);
        const saved = sent.value.userMessage;
        this.conversations.editOpen(open.id, (messages) => settleUserMessage(messages, saved));
        return true;
      }
      // Nothing was replaced: show the conversation as it was.
      this.conversations.editOpen(open.id, () => before);
      this.notices.notify(sent.error, {
        context: `Your edited message “${excerpt(text)}” was not sent.`,
        retry: () => void this.editAndResend(messageId, text, attachments),
      });
      return false;
    } finally {
      this.#sendingDone();
    }
  }

  /**
   * Sets (empty: removes) the open conversation's system prompt, creating the conversation first
   * when this is a new chat. The answer is for the caller to show where the change was asked.
   */
  async setSystemPrompt(prompt: string, presetId?: string): Promise<Result<Conversation>> {
    let conversationId = this.store.getState().selectedId;
    if (!conversationId) {
      const created = await this.conversations.create();
      if (!created.ok) return created;
      conversationId = created.value.id;
    }
    const changed = await this.api.invoke('conversations.setSystemPrompt', {
      conversationId,
      prompt,
      ...(presetId !== undefined ? { presetId } : {}),
    });
    if (changed.ok) this.conversations.editOpen(conversationId, () => changed.value.messages);
    return changed;
  }

  /** What the next request of a conversation would hold against the model's context (the meter). */
  contextReport(
    conversationId: string,
    draft: string,
    draftAttachments: readonly AttachmentPart[] = [],
  ): Promise<Result<ContextReport>> {
    return this.api.invoke('chat.context', {
      conversationId,
      ...(draft.trim() ? { draft } : {}),
      ...(draftAttachments.length ? { draftAttachments: [...draftAttachments] } : {}),
    });
  }

  /** Stops the open conversation's reply, whether it streams, waits for a model or waits to retry. */
  async stop(): Promise<void> {
    const streamId = this.replies.streamToStop(this.store.getState().selectedId);
    if (!streamId) return;
    const cancelled = await this.api.invoke('chat.cancel', { streamId });
    if (!cancelled.ok) this.notices.notify(cancelled.error, { context: 'The reply could not be stopped.' });
  }

  /** The user's message as shown before the host saved it. */
  #localMessage(text: string, attachments: readonly AttachmentPart[]): Message {
    return {
      id: `local-${++this.#localId}`,
      role: 'user',
      parts: [...textParts(text), ...attachments],
      createdAt: Date.now(),
      status: 'complete',
    };
  }

  #sendingDone(): void {
    this.store.setState({ sending: false, composerFocus: this.store.getState().composerFocus + 1 });
  }
}
