import type { ReplyContext } from '../domain/reply-context';
import type { Message, Usage } from '../domain/conversation';
import type { UserError } from '../domain/errors';

/**
 * The chat stream protocol, main → renderer. One stream per reply, named by `streamId`.
 * Order: `started`, any number of `progress` and `delta`, then exactly one of `finished`,
 * `cancelled` or `failed`. Deltas carry a sequence number so a receiver can tell a gap.
 */
export type ChatStreamEvent =
  | {
      type: 'started';
      streamId: string;
      conversationId: string;
      replyId: string;
      model: string;
      profileId: string;
      profileName: string;
      /** A continued reply: the text it already had, which the deltas extend. */
      initialText?: string;
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
    }
  | {
      type: 'progress';
      streamId: string;
      /** `waiting`: request sent; `loading`: no answer yet, a local model is probably loading; `retrying`: a retry is scheduled. */
      phase: 'waiting' | 'loading' | 'retrying';
      attempt?: number;
      maxAttempts?: number;
      retryInMs?: number;
      reason?: string;
    }
  | { type: 'delta'; streamId: string; seq: number; text: string }
  | { type: 'finished'; streamId: string; message: Message; usage?: Usage }
  | { type: 'cancelled'; streamId: string; message: Message }
  | { type: 'failed'; streamId: string; message: Message; error: UserError };

export type ChatStreamEventType = ChatStreamEvent['type'];

export function isTerminal(event: ChatStreamEvent): boolean {
  return event.type === 'finished' || event.type === 'cancelled' || event.type === 'failed';
}
