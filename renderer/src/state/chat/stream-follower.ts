import type { AssistantApi } from '../../../../shared/contract/api';
import type { ChatStreamEvent } from '../../../../shared/contract/chat-stream';
import type { Conversation } from '../../../../shared/domain/conversation';
import type { OpenConversation } from '../conversations/conversations-state';
import { OrphanStreams } from './stream-orphans';
import type { StreamStore } from './stream-store';

/** At most one look at the saved conversation per this many ms while an unknown stream runs. */
const LOOK_INTERVAL_MS = 400;

/**
 * Makes a reply that was already streaming when this page loaded (sent from another window, or
 * before a reload) live here too: shown as it grows, and stoppable. Such a reply's `started` event
 * went by before this page listened, so its stream id is learnt from the deltas that arrive: the
 * open conversation's saved streaming reply is matched against the text of unknown streams.
 */
export class StreamFollower {
  readonly #orphans = new OrphanStreams();
  #looking = false;
  #lastLook = -Infinity;

  constructor(
    private readonly api: AssistantApi,
    private readonly streams: StreamStore,
    private readonly openConversation: () => OpenConversation | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every chat stream event, before the stream store applies it. */
  onEvent(event: ChatStreamEvent): void {
    if (event.type === 'started' || this.streams.knows(event.streamId)) return;
    this.#orphans.record(event);
    if (event.type === 'delta' && this.#waitingReply()) void this.#look();
  }

  /** A conversation was (re)loaded: its streaming replies may belong to streams already seen. */
  onLoaded(conversation: Conversation): void {
    for (const message of conversation.messages) {
      if (message.role !== 'assistant' || message.status !== 'streaming') continue;
      if (this.streams.getReply(message.id)) continue;
      const found = this.#orphans.match(message.content);
      if (!found) continue;
      this.#orphans.forget(found.streamId);
      this.streams.adopt({
        streamId: found.streamId,
        conversationId: conversation.id,
        replyId: message.id,
        model: message.model ?? '',
        profileId: message.profileId ?? '',
        profileName: message.profileName ?? '',
        text: message.content,
        unsent: found.unsent,
      });
    }
  }

  /** Events were missed while disconnected: the texts seen so far have gaps. */
  onDisconnected(): void {
    this.#orphans.clear();
  }

  /** Whether the open conversation shows a streaming reply this page does not follow. */
  #waitingReply(): boolean {
    const open = this.openConversation();
    return (
      open?.messages.some((m) => m.status === 'streaming' && this.streams.getReply(m.id) === undefined) ??
      false
    );
  }

  async #look(): Promise<void> {
    const open = this.openConversation();
    if (!open || this.#looking || this.now() - this.#lastLook < LOOK_INTERVAL_MS) return;
    this.#looking = true;
    this.#lastLook = this.now();
    try {
      const loaded = await this.api.invoke('conversations.get', { id: open.id });
      if (loaded.ok && this.openConversation()?.id === open.id) this.onLoaded(loaded.value);
    } finally {
      this.#looking = false;
    }
  }
}
