import type { ReplyContext } from '../domain/reply-context';
import type { Message, MessageVersions, Usage } from '../domain/conversation';
import type { UserError } from '../domain/errors';
import type { MessagePart, StreamedPartType } from '../domain/message-parts';

/**
 * The chat stream protocol, main → every window. One stream per reply. Every event says whose it
 * is — the stream, the conversation and the reply — and carries `seq`, numbered from 0 (`started`)
 * per stream with no gaps, so a window that joins late (from `chat.streams`) applies only what
 * comes after its snapshot and never has to guess which reply an event belongs to.
 *
 * Order: `started`, any number of `progress`, `delta` and `part`, then exactly one of `finished`,
 * `cancelled` or `failed`, whose `message` is the reply as saved.
 */
export interface StreamRef {
  streamId: string;
  conversationId: string;
  replyId: string;
  seq: number;
}

export type StartedEvent = StreamRef & {
  type: 'started';
  model: string;
  profileId: string;
  profileName: string;
  /** Epoch ms in main when the reply started. */
  startedAt: number;
  /** A continued reply: the parts it already had, which the deltas extend. */
  initialParts?: MessagePart[];
  /** The user's message this reply answers, when it was just sent (so other windows show it too). */
  userMessage?: Message;
  /** A retried reply: the id of the earlier reply it replaces (other windows drop that one). */
  replaces?: string;
  /**
   * An edit-and-resend: the id of the first message it replaced. Other windows drop that message
   * and every later one except the system prompt (which main keeps), then add `userMessage`.
   */
  truncatedFrom?: string;
  /** What the request holds against the context budget (also saved on the reply as `context`). */
  context?: ReplyContext;
  /** A regenerated (or retried) reply: the turn's other versions it carries (shown as n/n). */
  versions?: MessageVersions;
};

/** Waiting, loading or retrying before text arrives. */
export interface ReplyProgress {
  /** `waiting`: request sent; `loading`: no answer yet, a local model is probably loading; `retrying`: a retry is scheduled. */
  phase: 'waiting' | 'loading' | 'retrying';
  attempt?: number;
  maxAttempts?: number;
  retryInMs?: number;
  reason?: string;
}

export type ChatStreamEvent =
  | StartedEvent
  | (StreamRef & { type: 'progress' } & ReplyProgress)
  /** Text appended to the part `partId` (created, of type `kind`, by its first delta). */
  | (StreamRef & { type: 'delta'; partId: string; kind: StreamedPartType; text: string })
  /**
   * A whole part put in place of the one with its id, or appended: a reasoning part closing with
   * its duration, text found to be reasoning once its closing tag arrived, later tool calls.
   */
  | (StreamRef & { type: 'part'; part: MessagePart })
  | (StreamRef & { type: 'finished'; message: Message; usage?: Usage })
  | (StreamRef & { type: 'cancelled'; message: Message })
  | (StreamRef & { type: 'failed'; message: Message; error: UserError });

export type ChatStreamEventType = ChatStreamEvent['type'];

/** A reply streaming now, as far as it got: what `chat.streams` answers a window that opens mid-stream. */
export interface LiveReply {
  started: StartedEvent;
  /** The reply so far (status `streaming`), its parts complete up to `seq`. */
  message: Message;
  /** The last event already folded into `message`: apply only events with a higher `seq`. */
  seq: number;
  /** The latest progress, while no text has arrived. */
  progress?: ReplyProgress;
}

export function isTerminal(event: ChatStreamEvent): boolean {
  return event.type === 'finished' || event.type === 'cancelled' || event.type === 'failed';
}
