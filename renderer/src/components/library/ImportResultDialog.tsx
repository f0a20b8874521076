import { useId } from 'react';
import { useModalDialog } from '../../hooks/use-modal-dialog';
import type { ImportOutcome } from '../../state/library/library-controller';
import { ModalDialog } from '../dialog/ModalDialog';

/** What an import did, or why it was refused (in which case nothing changed). */
export function ImportResultDialog({
  fileName,
  outcome,
  onClose,
}: {
  fileName: string;
  outcome: ImportOutcome;
  onClose: () => void;
}) {
  const { dialog, initialFocus: ok } = useModalDialog<HTMLButtonElement>();
  const id = useId();
  const onDialogCancel = () => {
    onClose();
  };
  return (
    <ModalDialog
      dialogRef={dialog}
      className="import-dialog"
      role={outcome.ok ? undefined : 'alertdialog'}
      titleId={`${id}-title`}
      descriptionId={`${id}-text`}
      onCancel={onDialogCancel}
    >
      <h2 id={`${id}-title`} className="dialog-title">
        {outcome.ok ? 'Import finished' : 'Nothing was imported'}
      </h2>
      <div id={`${id}-text`} className="dialog-text">
        <p className="import-file">
          From <strong>{fileName}</strong>:
        </p>
        {outcome.ok ? (
          <p className="import-summary">{outcome.summary}</p>
        ) : (
          <>
            <p className="import-reason">{outcome.error.message}</p>
            <p className="import-fix">{outcome.error.fix}</p>
          </>
        )}
      </div>
      <div className="dialog-actions">
        <button ref={ok} type="button" className="button button-primary" onClick={onClose}>
          OK
        </button>
      </div>
    </ModalDialog>
  );
}
