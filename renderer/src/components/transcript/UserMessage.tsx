import { useContext, useEffect, useRef } from 'react';
import type { Message } from '../../../../shared/index';
import { answerText } from '../../../../shared/domain/message-content';
import { sanitizeText } from '../../markdown/sanitize-text';
import { useController } from '../../state/controller-context';
import { openInMainWindow } from '../../state/desktop/desktop-commands';
import { DesktopContext } from '../../state/desktop/desktop-context';
import '../../styles/compare-entry.css';
import { EditMessageForm } from './EditMessageForm';
import { MessageActions } from './MessageActions';
import { NOT_SENT_LABEL, rowAttributes, type RowPlacement } from './message-row';
import { useTranscriptActions } from './transcript-actions';

/**
 * What the user typed, shown as typed (plain text, line breaks kept), with Copy, Edit (in place;
 * Save & resend replaces the turns after it) and a way to compare backends on it.
 */
export function UserMessage({
  message,
  placement,
  editDraft,
  laterCount,
  blockedReason,
}: {
  message: Message;
  placement: RowPlacement;
  /** The draft while this message is being edited. */
  editDraft: string | undefined;
  laterCount: number;
  /** Why an edit cannot be sent now (a reply is streaming). */
  blockedReason: string | undefined;
}) {
  const controller = useController();
  const actions = useTranscriptActions();
  // Compare lives in the main window: the tray window hands the prompt over to it.
  const desktop = useContext(DesktopContext);
  // Not saved by the host yet (sent a moment ago): it has no id there to edit from.
  const canEdit = !message.id.startsWith('local-');
  const editing = editDraft !== undefined;
  const text = answerText(message);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  // Back from editing (Cancel, Escape): focus returns to the Edit button.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  return (
    <article
      className="message message-user"
      data-role="user"
      data-status={message.status}
      aria-label="You"
      {...rowAttributes(message, placement)}
    >
      {editing ? (
        <EditMessageForm
          draft={editDraft}
          laterCount={laterCount}
          blockedReason={blockedReason}
          onChange={actions.changeDraft}
          onSave={(text) => actions.saveEdit(message.id, text)}
          onCancel={actions.cancelEdit}
        />
      ) : (
        <>
          <div className="message-body user-text">{sanitizeText(text)}</div>
          {placement.omitted && <span className="visually-hidden">{NOT_SENT_LABEL}</span>}
          <MessageActions text={text} label="Your message">
            {canEdit && (
              <button
                ref={editButton}
                type="button"
                className="message-action"
                aria-label="Edit message"
                title="Edit and send again; the turns after it move to the trash"
                onClick={() => actions.startEdit(message.id, text)}
              >
                Edit
              </button>
            )}
            <button
              type="button"
              className="message-action"
              title="Send this prompt to several backends side by side"
              onClick={() =>
                void openInMainWindow(controller, desktop, {
                  command: 'open-compare',
                  prompt: text,
                })
              }
            >
              Compare this prompt…
            </button>
          </MessageActions>
        </>
      )}
    </article>
  );
}
