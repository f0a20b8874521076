import type { Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Message } from '../../../../shared/domain/conversation';
import { useAppState } from '../../state/controller-context';

/** How long a message brought into view stays highlighted. */
const HIGHLIGHT_MS = 2500;

/**
 * Honours `focusMessage` (a search hit, "show where" on the context meter): once the conversation
 * shows and has the message, scrolls it into the middle of the view, moves focus to it for keyboard
 * and screen reader users, and highlights it briefly. Each request (`seq`) is honoured once.
 */
export function useFocusMessage(
  conversationId: string | undefined,
  rows: readonly Message[],
  virtualizer: Pick<Virtualizer<HTMLDivElement, HTMLDivElement>, 'scrollToIndex'>,
  scroller: RefObject<HTMLDivElement | null>,
  stopFollowing: () => void,
): string | undefined {
  const request = useAppState((s) => s.focusMessage);
  const handled = useRef(0);
  const [highlighted, setHighlighted] = useState<string | undefined>();

  useEffect(() => {
    if (!request || request.seq === handled.current || request.conversationId !== conversationId) return;
    const index = rows.findIndex((m) => m.id === request.messageId);
    if (index === -1) return; // not loaded yet: this runs again when the rows arrive
    handled.current = request.seq;
    stopFollowing();
    virtualizer.scrollToIndex(index, { align: 'center' });
    // Not cancelled when the rows change meanwhile (a reply streaming): it ends by itself within 30 frames.
    let frames = 0;
    requestAnimationFrame(function settle() {
      // The row mounts once the list has scrolled to it; dynamic heights may take a few frames.
      const row = scroller.current?.querySelector<HTMLElement>(
        `[data-message-id="${CSS.escape(request.messageId)}"]`,
      );
      if (row && frames > 1) {
        row.focus({ preventScroll: true });
        setHighlighted(request.messageId);
      } else if (frames++ < 30) requestAnimationFrame(settle);
    });
  }, [request, conversationId, rows, virtualizer, scroller, stopFollowing]);

  useEffect(() => {
    if (!highlighted) return;
    const timer = setTimeout(() => setHighlighted(undefined), HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [highlighted]);

  return highlighted;
}
