import { useEffect, useRef, type SyntheticEvent } from 'react';
import type { ConversationSummary } from '../../../../shared/index';
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
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!el.open) el.showModal();
    cancel.current?.focus();
    return () => {
      el.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

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
