import type { AssistantApi } from '../../../../shared/contract/api';
import type {
  ChatStreamEvent,
  LiveReply as WireLiveReply,
  StartedEvent,
} from '../../../../shared/contract/chat-stream';
import type { Message } from '../../../../shared/domain/conversation';
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
import { StreamJoin } from './stream-join';
import { LiveReplyStore } from './stream-store';

/** Final versions of recently ended replies, to correct a conversation loaded while they were streaming. */
const FINISHED_MEMORY = 50;

/**
 * Follows every reply's `chat.stream` events: the live replies (`streams`), the open transcript's
 * placeholders and final versions, and the stream ids Stop needs. Replies already streaming when
 * this page connected (or reconnected) are joined from `chat.streams` (see StreamJoin): every event
 * names its conversation and reply, so nothing is matched by text. While a reply streams, the
 * transcript keeps its saved `streaming` message and the component shows the live reply in its
 * place; the saved final message replaces both at the end.
 */
export class ReplyTracker {
  readonly streams = new LiveReplyStore();
  readonly #finished = new Map<string, Message>();
  /** Stream ids the host gave for each conversation's reply, until it ends: Stop works even before `started` is seen. */
  readonly #sentStreams = new Map<string, string>();
  readonly #join: StreamJoin;

  constructor(
    api: AssistantApi,
    private readonly store: Store<AppState>,
  ) {
    this.#join = new StreamJoin(api, {
      seed: (replies) => this.#seed(replies),
      apply: (event, afterJoin) => this.#apply(event, afterJoin),
    });
  }

  /** Joins the replies streaming now: when the page connects and after every reconnect. */
  join(): Promise<void> {
    return this.#join.join();
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

  onStream(event: ChatStreamEvent): void {
    this.#join.onEvent(event);
  }

  #apply(event: ChatStreamEvent, afterJoin: boolean): void {
    if (event.type === 'finished' || event.type === 'cancelled' || event.type === 'failed') {
      // Before the live reply goes away, so the final message replaces it in one render.
      this.#settle(event);
      this.streams.apply(event);
      return;
    }
    // A gap just after a join (which failed, or answered less than this page already got) is not
    // joined again, or a host that cannot answer would be asked once per event: the text goes on
    // with a hole, and the saved message at the end is whole.
    const outcome = this.streams.apply(event, afterJoin);
    if (outcome === 'gap') void this.#join.join(event);
    else if (outcome === 'applied' && event.type === 'started') this.#showStarted(event);
  }

  /** `chat.streams` answered (undefined: it could not): show each reply, forget streams that ended unseen. */
  #seed(replies: readonly WireLiveReply[] | undefined): void {
    if (!replies) return;
    for (const live of replies) {
      this.streams.seed(live);
      this.#showStarted(live.started, live.message);
    }
    this.streams.retainOnly(new Set(replies.map((r) => r.started.streamId)));
  }

  /**
   * A reply started (or was joined, with `saved` its message so far): the open transcript shows the
   * turns it answers and a streaming message for it, which the live reply is shown in place of.
   */
  #showStarted(event: StartedEvent, saved?: Message): void {
    const message: Message = saved ?? {
      id: event.replyId,
      role: 'assistant',
      parts: [],
      createdAt: event.startedAt,
      status: 'streaming',
      ...(event.model ? { model: event.model } : {}),
      profileId: event.profileId,
      profileName: event.profileName,
      ...(event.context ? { context: event.context } : {}),
      // A regenerated reply is the turn's newest version (n/n) from its first event on.
      ...(event.versions ? { versions: event.versions } : {}),
    };
    editOpenMessages(this.store, event.conversationId, (current) => {
      // An edit-and-resend from another window replaced these turns: drop them before adding the new one.
      let messages = event.truncatedFrom ? truncateFrom(current, event.truncatedFrom) : current;
      // Sent or retried from another window (main or tray): show the same turns here.
      if (event.userMessage) messages = settleUserMessage(messages, event.userMessage);
      if (event.replaces) messages = removeMessage(messages, event.replaces);
      const existing = messages.find((m) => m.id === event.replyId);
      if (!existing) return upsertMessage(messages, message);
      if (existing.status === 'streaming' || (saved === undefined && event.initialParts === undefined))
        return messages;
      // A continued reply streams again into the same message, its earlier parts kept.
      const { error: _error, ...rest } = existing;
      return upsertMessage(messages, {
        ...rest,
        status: 'streaming',
        ...(event.context ? { context: event.context } : {}),
      });
    });
  }

  #settle(event: Extract<ChatStreamEvent, { type: 'finished' | 'cancelled' | 'failed' }>): void {
    const message =
      event.type === 'finished' && event.usage && !event.message.usage
        ? { ...event.message, usage: event.usage }
        : event.message;
    this.#finished.set(message.id, message);
    if (this.#finished.size > FINISHED_MEMORY)
      this.#finished.delete(this.#finished.keys().next().value ?? '');
    for (const [conversationId, streamId] of this.#sentStreams)
      if (streamId === event.streamId) this.#sentStreams.delete(conversationId);
    const open = this.store.getState().open;
    if (open?.messages.some((m) => m.id === message.id))
      editOpenMessages(this.store, open.id, (m) => replaceMessage(m, message.id, message));
  }
}
