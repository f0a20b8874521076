import type { ChatStreamEvent } from '../../../../shared/contract/chat-stream';
import type { Conversation } from '../../../../shared/domain/conversation';
import { FrameScheduler } from '../core/frame-scheduler';

export type ReplyPhase = 'waiting' | 'loading' | 'retrying' | 'streaming';

export interface RetryInfo {
  attempt?: number;
  maxAttempts?: number;
  /** Epoch ms when the retry will start, for the live countdown. */
  deadline: number;
  reason?: string;
}

/** What a reply in progress looks like right now: an immutable snapshot, replaced at most once a frame. */
export interface LiveReply {
  readonly streamId: string;
  readonly conversationId: string;
  readonly replyId: string;
  readonly model: string;
  /** The backend profile answering, as `started` named it. */
  readonly profileId: string;
  readonly profileName: string;
  readonly text: string;
  readonly phase: ReplyPhase;
  readonly retry?: RetryInfo;
}

interface LiveStream {
  streamId: string;
  conversationId: string;
  replyId: string;
  model: string;
  profileId: string;
  profileName: string;
  /** The growing reply. Deltas are appended here, outside React. */
  text: string;
  phase: ReplyPhase;
  retry?: RetryInfo;
  /** Characters of the next deltas already in `text` (a stream adopted from a saved reply). */
  skip?: number;
}

/** A reply that was already streaming when this page loaded, found in its saved form. */
export interface AdoptedReply {
  streamId: string;
  conversationId: string;
  replyId: string;
  model: string;
  profileId: string;
  profileName: string;
  /** The saved text, which the stream's next deltas extend... */
  text: string;
  /** ...after the first `unsent` characters of them, which the saved text already has. */
  unsent: number;
}

/**
 * Replies in progress, fed by `chat.stream` events. Deltas only append to a plain string and
 * request a frame; once per animation frame the changed replies get a new snapshot and subscribers
 * are told, so React renders at most once a frame whatever the token rate. Starts, progress and
 * ends are rare and published at once.
 */
export class StreamStore {
  readonly #streams = new Map<string, LiveStream>();
  readonly #snapshots = new Map<string, LiveReply>();
  readonly #dirty = new Set<LiveStream>();
  readonly #listeners = new Set<() => void>();
  readonly #frame = new FrameScheduler(() => this.#flush());

  constructor(private readonly now: () => number = Date.now) {}

  apply(event: ChatStreamEvent): void {
    if (event.type === 'started') {
      const { streamId, conversationId, replyId, model, profileId, profileName } = event;
      const stream: LiveStream = {
        streamId,
        conversationId,
        replyId,
        model,
        profileId,
        profileName,
        // A continued reply extends the text it already had.
        text: event.initialText ?? '',
        phase: 'waiting',
      };
      this.#streams.set(streamId, stream);
      this.#publishNow(stream);
      return;
    }
    const stream = this.#streams.get(event.streamId);
    // A stream that began before this page connected: its message shows the saved text until
    // StreamFollower finds which reply it is and adopts it.
    if (!stream) return;
    if (event.type === 'delta') {
      let text = event.text;
      if (stream.skip) {
        const skipped = Math.min(stream.skip, text.length);
        stream.skip -= skipped;
        text = text.slice(skipped);
      }
      stream.text += text;
      if (stream.phase !== 'streaming') {
        stream.phase = 'streaming';
        stream.retry = undefined;
      }
      this.#dirty.add(stream);
      this.#frame.request();
    } else if (event.type === 'progress') {
      stream.phase = event.phase;
      stream.retry =
        event.phase === 'retrying'
          ? {
              deadline: this.now() + (event.retryInMs ?? 0),
              ...(event.attempt !== undefined ? { attempt: event.attempt } : {}),
              ...(event.maxAttempts !== undefined ? { maxAttempts: event.maxAttempts } : {}),
              ...(event.reason !== undefined ? { reason: event.reason } : {}),
            }
          : undefined;
      this.#publishNow(stream);
    } else {
      this.#remove(stream);
      this.#emit();
    }
  }

  /** Whether this page follows the stream: it saw it start, or adopted it. */
  knows(streamId: string): boolean {
    return this.#streams.has(streamId);
  }

  /** Follows a stream that began before this page connected (see OrphanStreams). */
  adopt(reply: AdoptedReply): void {
    const { unsent, ...known } = reply;
    const stream: LiveStream = { ...known, phase: 'streaming', ...(unsent > 0 ? { skip: unsent } : {}) };
    this.#streams.set(stream.streamId, stream);
    this.#publishNow(stream);
  }

  /** The live snapshot of a reply, or undefined when it is not streaming here. Stable between frames. */
  getReply = (replyId: string | undefined): LiveReply | undefined =>
    replyId === undefined ? undefined : this.#snapshots.get(replyId);

  /** The stream running in a conversation, if any (one at a time per conversation). */
  activeStreamFor = (conversationId: string | undefined): string | undefined => {
    if (conversationId === undefined) return undefined;
    for (const stream of this.#streams.values())
      if (stream.conversationId === conversationId) return stream.streamId;
    return undefined;
  };

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /**
   * After a reconnect, events may have been missed: keep only the current conversation's streams
   * that the host still reports as streaming, restarting their text from the saved checkpoint
   * (the final event carries the whole reply anyway). Other streams cannot be checked; drop them.
   */
  reconcile(conversation: Conversation | undefined): void {
    for (const stream of [...this.#streams.values()]) {
      const saved =
        stream.conversationId === conversation?.id
          ? conversation.messages.find((m) => m.id === stream.replyId)
          : undefined;
      if (saved?.status === 'streaming') {
        stream.text = saved.content;
        this.#dirty.add(stream);
      } else {
        this.#remove(stream);
      }
    }
    for (const stream of this.#dirty) this.#publish(stream);
    this.#dirty.clear();
    this.#emit();
  }

  #remove(stream: LiveStream): void {
    this.#streams.delete(stream.streamId);
    this.#snapshots.delete(stream.replyId);
    this.#dirty.delete(stream);
  }

  #publish(stream: LiveStream): void {
    const { streamId, conversationId, replyId, model, profileId, profileName, text, phase, retry } = stream;
    this.#snapshots.set(replyId, {
      streamId,
      conversationId,
      replyId,
      model,
      profileId,
      profileName,
      text,
      phase,
      ...(retry ? { retry } : {}),
    });
  }

  #publishNow(stream: LiveStream): void {
    this.#dirty.delete(stream);
    this.#publish(stream);
    this.#emit();
  }

  #flush(): void {
    if (this.#dirty.size === 0) return;
    for (const stream of this.#dirty) this.#publish(stream);
    this.#dirty.clear();
    this.#emit();
  }

  #emit(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
