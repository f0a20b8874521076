import { useId } from 'react';
import { useModalDialog } from '../../hooks/use-modal-dialog';
import { ModalDialog } from '../dialog/ModalDialog';

interface Props {
  title: string;
  text: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Confirms something that cannot be undone, in a modal <dialog>: the page behind is inert, Tab
 * stays inside, Escape cancels, and Cancel has focus first so a stray Enter changes nothing.
 */
export function ConfirmDialog({ title, text, confirmLabel, onConfirm, onCancel }: Props) {
  const { dialog, initialFocus: cancel } = useModalDialog<HTMLButtonElement>();
  const id = useId();

  const onDialogCancel = () => {
    onCancel();
  };

  return (
    <ModalDialog
      dialogRef={dialog}
      titleId={`${id}-title`}
      descriptionId={`${id}-text`}
      onCancel={onDialogCancel}
    >
      <h2 id={`${id}-title`} className="dialog-title">
        {title}
      </h2>
      <p id={`${id}-text`} className="dialog-text">
        {text}
      </p>
      <div className="dialog-actions">
        <button ref={cancel} type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </ModalDialog>
  );
}
