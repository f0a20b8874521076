import type { SyntheticEvent } from 'react';
import type { ConversationSummary } from '../../../../shared/index';
import { useModalDialog } from '../../hooks/use-modal-dialog';
import { trapFocus } from './trap-focus';

interface Props {
  conversation: ConversationSummary;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Confirms a delete in a modal <dialog>: the page behind is inert, Tab stays inside, Escape
 * cancels, and Cancel has focus first so a stray Enter deletes nothing. On close, focus goes back
 * to whatever opened it (the page behind is inert until then, so it cannot happen earlier).
 */
export function DeleteConversationDialog({ conversation, onConfirm, onCancel }: Props) {
  const { dialog, initialFocus: cancel } = useModalDialog<HTMLButtonElement>();

  const onDialogCancel = (event: SyntheticEvent) => {
    event.preventDefault(); // Closed by unmounting, so React state and the dialog agree.
    onCancel();
  };

  const title = conversation.title || 'New chat';
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="delete-dialog-title"
      aria-describedby="delete-dialog-text"
      aria-modal="true"
      onCancel={onDialogCancel}
      onKeyDown={trapFocus}
    >
      <h2 id="delete-dialog-title" className="dialog-title">
        Delete this conversation?
      </h2>
      <p id="delete-dialog-text" className="dialog-text">
        “{title}” and all its messages will be removed from this computer. This cannot be undone.
      </p>
      <div className="dialog-actions">
        <button ref={cancel} type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={onConfirm}>
          Delete
        </button>
      </div>
    </dialog>
  );
}
