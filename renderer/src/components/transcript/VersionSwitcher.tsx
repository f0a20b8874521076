import { useRef } from 'react';
import type { Message } from '../../../../shared/domain/conversation';
import { shownVersion, versionCount } from '../../../../shared/domain/reply-versions';
import { useController } from '../../state/controller-context';
import '../../styles/version-switcher.css';

type Direction = 'previous' | 'next';

const LABELS: Record<Direction, string> = { previous: 'Previous version', next: 'Next version' };

/**
 * Switching puts another message at the start of the turn, so its row (and switcher) is new: focus
 * moves to the same button there once it is in the page (or to the other one, at either end).
 */
function focusSwitcherOf(messageId: string, direction: Direction, framesLeft = 10): void {
  requestAnimationFrame(() => {
    const row = document.querySelector(`[data-message-id="${CSS.escape(messageId)}"]`);
    const button = (d: Direction) =>
      row?.querySelector<HTMLButtonElement>(`.version-switcher button[aria-label="${LABELS[d]}"]`);
    const wanted = button(direction);
    const other = button(direction === 'previous' ? 'next' : 'previous');
    const target = wanted && !wanted.disabled ? wanted : other;
    if (target) target.focus();
    else if (framesLeft > 0) focusSwitcherOf(messageId, direction, framesLeft - 1);
  });
}

/**
 * ‹ 2 / 3 › on the message that starts a turn with versions (a reply after Regenerate, your message
 * after Edit & resend). Previous and Next show another version in place, and the conversation goes
 * on from the one shown. Disabled while a reply streams; focus stays on the switcher.
 */
export function VersionSwitcher({ message, locked }: { message: Message; locked: boolean }) {
  const controller = useController();
  const count = versionCount(message);
  const shown = shownVersion(message);
  // Not `disabled` while switching: a focused button that is disabled drops focus to the page.
  const switching = useRef(false);

  if (count < 2) return null;

  const go = async (direction: Direction) => {
    const version = direction === 'previous' ? shown - 1 : shown + 1;
    if (locked || switching.current || version < 0 || version >= count) return;
    switching.current = true;
    try {
      const firstId = await controller.showVersion(message.id, version);
      if (firstId) focusSwitcherOf(firstId, direction);
    } finally {
      switching.current = false;
    }
  };

  return (
    <div className="version-switcher" role="group" aria-label="Versions">
      <button
        type="button"
        className="message-action version-step"
        aria-label={LABELS.previous}
        title="Show the previous version of this turn"
        disabled={locked || shown === 0}
        onClick={() => void go('previous')}
      >
        ‹
      </button>
      <span className="version-position" aria-live="polite" aria-atomic="true">
        <span className="visually-hidden">Version </span>
        {shown + 1} / {count}
      </span>
      <button
        type="button"
        className="message-action version-step"
        aria-label={LABELS.next}
        title="Show the next version of this turn"
        disabled={locked || shown === count - 1}
        onClick={() => void go('next')}
      >
        ›
      </button>
    </div>
  );
}
