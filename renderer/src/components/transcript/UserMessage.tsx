import type { Message } from '../../../../shared/index';
import { sanitizeText } from '../../markdown/sanitize-text';

/** What the user typed, shown as typed (plain text, line breaks kept). */
export function UserMessage({ message }: { message: Message }) {
  return (
    <article className="message message-user" data-role="user" data-status={message.status} aria-label="You">
      <div className="message-body user-text">{sanitizeText(message.content)}</div>
    </article>
  );
}
