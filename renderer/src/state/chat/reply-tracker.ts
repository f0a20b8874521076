import type { AssistantApi } from '../../../../shared/contract/api';
import type { ChatStreamEvent } from '../../../../shared/contract/chat-stream';
import type { Conversation, Message } from '../../../../shared/domain/conversation';
import type { AppState } from '../app-state';
import type { Store } from '../core/create-store';
import { editOpenMessages } from '../conversations/edit-open';
import {
  applyFinished,
  removeMessage,
  replaceMessage,
  settleUserMessage,
  truncateFrom,
  upsertMessage,
} from '../transcript/transcript-ops';
import { StreamFollower } from './stream-follower';
import { StreamStore } from './stream-store';

/** Final versions of recently ended replies, to correct a conversation loaded while they were streaming. */
const FINISHED_MEMORY = 50;

/**
 * Follows every reply's `chat.stream` events: the live text (`streams`), the open transcript's
 * placeholders and final versions, the stream ids Stop needs, and replies that were already
 * streaming when this page loaded. A conversation load asks it to fill in what ended meanwhile.
 */
export class ReplyTracker {
  readonly streams = new StreamStore();
  readonly #finished = new Map<string, Message>();
  /** Stream ids the host gave for each conversation's reply, until it ends: Stop works even before `started` is seen. */
  readonly #sentStreams = new Map<string, string>();
  /** Learns the streams of replies that were already running when this page loaded. */
  readonly #follower: StreamFollower;

  constructor(
    api: AssistantApi,
    private readonly store: Store<AppState>,
  ) {
    this.#follower = new StreamFollower(api, this.streams, () => this.store.getState().open);
  }

  /** The host accepted a send, retry, continue or edit in `conversationId`: its reply streams as `streamId`. */
  sent(conversationId: string, streamId: string): void {
    this.#sentStreams.set(conversationId, streamId);
  }

  /** The stream Stop should cancel in a conversation: the one seen running, else the one last sent there. */
  streamToStop(conversationId: string | undefined): string | undefined {
    return (
      this.streams.activeStreamFor(conversationId) ??
      (conversationId !== undefined ? this.#sentStreams.get(conversationId) : undefined)
    );
  }

  /** A conversation's saved messages with the final versions of replies that ended while it was read. */
  withFinished(messages: Message[]): Message[] {
    return applyFinished(messages, this.#finished);
  }

  /** After a reconnect: streams whose end went by unseen are settled from the conversation as saved (none open: all). */
  reconcile(conversation: Conversation | undefined): void {
    this.streams.reconcile(conversation);
  }

  /** A conversation was (re)loaded and shows: its replies still streaming may be ones this page has not seen start. */
  onLoaded(conversation: Conversation): void {
    this.#follower.onLoaded(conversation);
  }

  onDisconnected(): void {
    this.#follower.onDisconnected();
  }

  onStream(event: ChatStreamEvent): void {
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
      editOpenMessages(this.store, event.conversationId, (current) => {
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
        editOpenMessages(this.store, open.id, (m) => replaceMessage(m, message.id, message));
    }
    this.#follower.onEvent(event);
    this.streams.apply(event);
  }
}
