import type { ChatStreamEvent, LiveReply, StreamRef } from '../../../shared/contract/chat-stream';
import type { Message } from '../../../shared/domain/conversation';
import { appendDelta, upsertPart } from '../../../shared/domain/message-content';

/** `Omit` over each member of a union, so the result stays a union. */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A chat stream event before it is numbered: what the reply's life produces. */
export type UnnumberedEvent = OmitEach<ChatStreamEvent, keyof StreamRef>;

/**
 * The replies streaming now, as a window that opens mid-stream needs them (`chat.streams`). Each
 * entry is built only by folding the events that went out, with the same `appendDelta` and
 * `upsertPart` a window uses, so a snapshot's `message` is exactly what its `seq` says: a window
 * that applies the later events ends with the same reply as one that saw them all. An entry goes
 * with its stream's terminal event.
 */
export class LiveReplies {
  readonly #entries = new Map<string, LiveReply>();

  /** Folds an event that is going out, in the order they go out. */
  record(event: ChatStreamEvent): void {
    if (event.type === 'finished' || event.type === 'cancelled' || event.type === 'failed') {
      this.#entries.delete(event.streamId);
      return;
    }
    if (event.type === 'started') {
      const message: Message = {
        id: event.replyId,
        role: 'assistant',
        parts: structuredClone(event.initialParts ?? []),
        createdAt: event.startedAt,
        status: 'streaming',
        ...(event.model ? { model: event.model } : {}),
        ...(event.profileId ? { profileId: event.profileId } : {}),
        ...(event.profileName ? { profileName: event.profileName } : {}),
        ...(event.context ? { context: event.context } : {}),
      };
      this.#entries.set(event.streamId, { started: structuredClone(event), message, seq: event.seq });
      return;
    }
    const entry = this.#entries.get(event.streamId);
    if (!entry) return;
    entry.seq = event.seq;
    if (event.type === 'progress') {
      const { type: _t, streamId: _s, conversationId: _c, replyId: _r, seq: _q, ...progress } = event;
      entry.progress = progress;
    } else if (event.type === 'delta') {
      delete entry.progress;
      // Timed on arrival as a window times it; main's own time comes with the part's closing event.
      appendDelta(entry.message.parts, event, event.kind === 'reasoning' ? Date.now() : undefined);
    } else {
      delete entry.progress;
      upsertPart(entry.message.parts, structuredClone(event.part));
    }
  }

  /** Every reply streaming now, copies (a caller may keep them). */
  list(): LiveReply[] {
    return [...this.#entries.values()].map((entry) => structuredClone(entry));
  }
}

/**
 * Numbers a stream's events (`seq` from 0 at `started`, no gaps), names the stream, conversation
 * and reply on each, records them in the live registry, then sends them.
 */
export function streamEmitter(
  ref: Omit<StreamRef, 'seq'>,
  live: LiveReplies,
  send: (event: ChatStreamEvent) => void,
): (event: UnnumberedEvent) => void {
  let seq = 0;
  return (event) => {
    const numbered = { ...event, ...ref, seq: seq++ } as ChatStreamEvent;
    live.record(numbered);
    send(numbered);
  };
}
