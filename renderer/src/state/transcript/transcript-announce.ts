import type { Message } from '../../../../shared/domain/conversation';
import { excerpt } from '../../../../shared/domain/excerpt';
import { answerText } from '../../../../shared/domain/message-content';

/**
 * What the transcript's polite status region says when a reply ends. The transcript itself is not a
 * live region (rows mount and unmount as the virtualised list scrolls, and a live log would read
 * them out); this says once that a reply finished, stopped or failed, with the start of its text.
 */

/** Replies that were streaming in `before` and have ended in `after` (same conversation). */
export function endedReplies(before: readonly Message[], after: readonly Message[]): Message[] {
  const streaming = new Set(before.filter((m) => m.status === 'streaming').map((m) => m.id));
  if (streaming.size === 0) return [];
  return after.filter((m) => streaming.has(m.id) && m.status !== 'streaming');
}

/** Markdown as a screen reader should hear it: no fences, markers or link targets, one line. */
export function plainExcerpt(markdown: string, max = 200): string {
  const text = markdown
    .replace(/```[\s\S]*?(```|$)/g, ' (code) ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, '')
    .replace(/(\*\*|__|\*|_|`|~~)/g, '');
  // One line, cut at `max`, direction controls shown (they would reorder what is read out too).
  return excerpt(text, max);
}

/** Says the answer only: the reasoning before it is folded away and would drown it out. */
export function announcementFor(reply: Message): string {
  const excerpt = plainExcerpt(answerText(reply));
  switch (reply.status) {
    case 'complete':
      return excerpt ? `Reply finished: ${excerpt}` : 'Reply finished.';
    case 'cancelled':
      return 'Reply stopped.';
    case 'incomplete':
      return stoppedWhileThinking(reply)
        ? 'The model stopped while thinking, before it answered.'
        : 'The reply was cut off before it finished.';
    case 'failed':
      return `The reply failed: ${reply.error?.message ?? 'it did not finish.'}`;
    default:
      return '';
  }
}

/** A reply cut off inside its reasoning: the reasoning is kept (marked incomplete), no answer came. */
function stoppedWhileThinking(reply: Message): boolean {
  return (
    reply.parts.some((p) => p.type === 'reasoning' && p.incomplete === true) && !answerText(reply).trim()
  );
}
