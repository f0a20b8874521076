import { useEffect, useRef, useState } from 'react';
import type { OpenConversation } from '../../state/conversations/conversations-state';
import { announcementFor, endedReplies } from '../../state/transcript/transcript-announce';

/**
 * The transcript's voice for screen readers: a polite status region that says when a reply in the
 * open conversation finished, stopped or failed, with the start of its text. The transcript list
 * itself is not live (its rows mount and unmount as it scrolls), so nothing is read twice and
 * scrolling says nothing.
 */
export function TranscriptAnnouncer({ open }: { open: OpenConversation | undefined }) {
  const previous = useRef<OpenConversation | undefined>(undefined);
  const [said, setSaid] = useState({ text: '', n: 0 });

  useEffect(() => {
    const before = previous.current;
    previous.current = open;
    if (!open || !before || before.id !== open.id) return;
    const ended = endedReplies(before.messages, open.messages).at(-1);
    if (!ended) return;
    // Said from a task (not cancelled by the next change of the conversation, which may come at once).
    const text = announcementFor(ended);
    setTimeout(() => setSaid((s) => ({ text, n: s.n + 1 })), 0);
  }, [open]);

  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {/* A new element per announcement, so the same words twice are still read twice. */}
      {said.text && <p key={said.n}>{said.text}</p>}
    </div>
  );
}
