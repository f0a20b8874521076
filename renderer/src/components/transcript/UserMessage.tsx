import { useContext, useEffect, useRef } from 'react';
import type { Message } from '../../../../shared/index';
import { answerText, attachmentParts } from '../../../../shared/domain/message-content';
import type { AttachmentPart } from '../../../../shared/domain/message-parts';
import { sanitizeText } from '../../markdown/sanitize-text';
import { useController } from '../../state/controller-context';
import { openInMainWindow } from '../../state/desktop/desktop-commands';
import { DesktopContext } from '../../state/desktop/desktop-context';
import '../../styles/compare-entry.css';
import { AttachmentList } from '../attachments/AttachmentList';
import { EditMessageForm } from './EditMessageForm';
import { MessageActions } from './MessageActions';
import { NOT_SENT_LABEL, rowAttributes, type RowPlacement } from './message-row';
import { useTranscriptActions } from './transcript-actions';
import { VersionSwitcher } from './VersionSwitcher';

/**
 * What the user typed, shown as typed (plain text, line breaks kept) under the images and documents
 * attached, with Copy (the text), Edit (in place, attachments kept unless removed; Save & resend
 * starts a new version of the turn, the old one kept: ‹ 1/2 ›) and a way to compare backends on it.
 */
export function UserMessage({
  message,
  placement,
  editDraft,
  editAttachments,
  laterCount,
  blockedReason,
  versionsLocked,
}: {
  message: Message;
  placement: RowPlacement;
  /** The draft while this message is being edited. */
  editDraft: string | undefined;
  /** The attachments the edit keeps, while editing. */
  editAttachments: readonly AttachmentPart[] | undefined;
  laterCount: number;
  /** Why an edit cannot be sent now (a reply is streaming). */
  blockedReason: string | undefined;
  versionsLocked: boolean;
}) {
  const controller = useController();
  const actions = useTranscriptActions();
  // Compare lives in the main window: the tray window hands the prompt over to it.
  const desktop = useContext(DesktopContext);
  // Not saved by the host yet (sent a moment ago): it has no id there to edit from.
  const canEdit = !message.id.startsWith('local-');
  const editing = editDraft !== undefined;
  const text = answerText(message);
  const attachments = attachmentParts(message);
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
          attachments={editAttachments ?? []}
          laterCount={laterCount}
          blockedReason={blockedReason}
          onChange={actions.changeDraft}
          onRemoveAttachment={actions.removeAttachment}
          onSave={(text, kept) => actions.saveEdit(message.id, text, kept)}
          onCancel={actions.cancelEdit}
        />
      ) : (
        <>
          <AttachmentList parts={attachments} />
          {(text.length > 0 || attachments.length === 0) && (
            <div className="message-body user-text">{sanitizeText(text)}</div>
          )}
          {placement.omitted && <span className="visually-hidden">{NOT_SENT_LABEL}</span>}
          <VersionSwitcher message={message} locked={versionsLocked} />
          <MessageActions text={text} label="Your message">
            {canEdit && (
              <button
                ref={editButton}
                type="button"
                className="message-action"
                aria-label="Edit message"
                title="Edit and send again; the turns after it stay as an earlier version"
                onClick={() => actions.startEdit(message.id, text, attachments)}
              >
                Edit
              </button>
            )}
            <button
              type="button"
              className="message-action"
              title="Send this prompt to several backends side by side"
              onClick={() => {
                // Its backend, model and system prompt are what the comparison starts from (read
                // at the click, so the rows need not re-render with the selection).
                const conversationId = controller.store.getState().selectedId;
                void openInMainWindow(controller, desktop, {
                  command: 'open-compare',
                  prompt: text,
                  ...(conversationId !== undefined ? { conversationId } : {}),
                });
              }}
            >
              Compare this prompt…
            </button>
          </MessageActions>
        </>
      )}
    </article>
  );
}
