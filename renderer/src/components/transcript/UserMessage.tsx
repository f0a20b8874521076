import { useContext } from 'react';
import type { Message } from '../../../../shared/index';
import { sanitizeText } from '../../markdown/sanitize-text';
import { useController } from '../../state/controller-context';
import { DesktopContext } from '../../state/desktop-context';
import '../../styles/compare-entry.css';

/** What the user typed, shown as typed (plain text, line breaks kept), and a way to compare backends on it. */
export function UserMessage({ message }: { message: Message }) {
  const controller = useController();
  // Compare lives in the main window; the compact tray window does not offer it.
  const canCompare = useContext(DesktopContext)?.kind !== 'tray';
  return (
    <article className="message message-user" data-role="user" data-status={message.status} aria-label="You">
      <div className="message-body user-text">{sanitizeText(message.content)}</div>
      {canCompare && (
        <div className="user-actions">
          <button
            type="button"
            className="user-action"
            title="Send this prompt to several backends side by side"
            onClick={() => controller.openCompare(message.content)}
          >
            Compare this prompt…
          </button>
        </div>
      )}
    </article>
  );
}
