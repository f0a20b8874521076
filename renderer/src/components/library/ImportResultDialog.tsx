import { useId, type SyntheticEvent } from 'react';
import { useModalDialog } from '../../hooks/use-modal-dialog';
import type { ImportOutcome } from '../../state/library/library-controller';
import { trapFocus } from '../conversations/trap-focus';

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
  const onDialogCancel = (event: SyntheticEvent) => {
    event.preventDefault();
    onClose();
  };
  return (
    <dialog
      ref={dialog}
      className="dialog import-dialog"
      role={outcome.ok ? undefined : 'alertdialog'}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      aria-modal="true"
      onCancel={onDialogCancel}
      onKeyDown={trapFocus}
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
    </dialog>
  );
}
