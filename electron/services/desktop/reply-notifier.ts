import type { ChatStreamEvent } from '../../../shared/contract/chat-stream';
import type { DesktopPrefs } from '../../../shared/domain/desktop';
import { excerpt } from '../../../shared/domain/excerpt';
import { answerText } from '../../../shared/domain/message-content';
import type { EventBus } from '../events/event-bus';
import { shouldNotifyReply, type WindowPresence } from './window-decisions';

export interface ReplyNotice {
  conversationId: string;
  /** The reply's opening words, one line. */
  excerpt: string;
}

export interface ReplyNotifierOptions {
  events: EventBus;
  prefs: () => Pick<DesktopPrefs, 'notifyWhenHidden'>;
  /** Our windows as they are at the moment the reply finishes. */
  windows: () => WindowPresence[];
  notify: (notice: ReplyNotice) => void;
}

const EXCERPT_LENGTH = 140;

/** The reply's opening words without markdown syntax (code blocks become "[code]"). */
export function excerptOf(text: string, max = EXCERPT_LENGTH): string {
  return excerpt(text.replace(/```[\s\S]*?```/g, ' [code] ').replace(/[#>*_`|~]+/g, ''), max);
}

/**
 * Watches chat streams and asks for a notification when a reply finishes while the app is out of
 * view, with the answer's opening words (never the reasoning). Returns a function that stops watching.
 */
export function watchReplies(options: ReplyNotifierOptions): () => void {
  // Only replies seen from their start: one already streaming when watching began is not ours to announce.
  const seen = new Set<string>();
  return options.events.subscribe((name, payload) => {
    if (name !== 'chat.stream') return;
    const event = payload as ChatStreamEvent;
    if (event.type === 'started') {
      seen.add(event.streamId);
      return;
    }
    if (event.type !== 'finished' && event.type !== 'cancelled' && event.type !== 'failed') return;
    if (!seen.delete(event.streamId)) return;
    const { conversationId } = event;
    const notify = shouldNotifyReply({
      finished: event.type === 'finished',
      notifyWhenHidden: options.prefs().notifyWhenHidden,
      windows: options.windows(),
    });
    if (!notify) return;
    try {
      options.notify({ conversationId, excerpt: excerptOf(answerText(event.message)) });
    } catch (error) {
      console.warn('[desktop] could not show a notification:', error);
    }
  });
}
