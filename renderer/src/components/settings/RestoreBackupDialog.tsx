import { useId, useState, type FormEvent } from 'react';
import {
  describeBackup,
  type BackupRestoreReport,
  type BackupSummary,
} from '../../../../shared/domain/backups';
import type { UserError } from '../../../../shared/domain/errors';
import { fullTime } from '../../format/relative-time';
import { useModalDialog } from '../../hooks/use-modal-dialog';
import { useController } from '../../state/controller-context';
import { DialogFormActions } from './DialogFormActions';
import { ModalDialog } from '../dialog/ModalDialog';

interface Props {
  backup: BackupSummary;
  onRestored: (report: BackupRestoreReport) => void;
  onCancel: () => void;
}

/** Confirms restoring a backup (modal, Cancel focused first, Escape cancels), in the app's dialog pattern. */
export function RestoreBackupDialog({ backup, onRestored, onCancel }: Props) {
  const controller = useController();
  const { dialog, initialFocus: cancel } = useModalDialog<HTMLButtonElement>();
  const [error, setError] = useState<UserError>();
  const [busy, setBusy] = useState(false);
  const ids = { title: useId(), text: useId() };

  const onDialogCancel = () => {
    if (!busy) onCancel();
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    const restored = await controller.request('backups.restore', { id: backup.id });
    setBusy(false);
    if (restored.ok) onRestored(restored.value);
    else setError(restored.error);
  };

  return (
    <ModalDialog dialogRef={dialog} titleId={ids.title} descriptionId={ids.text} onCancel={onDialogCancel}>
      <form noValidate onSubmit={(event) => void onSubmit(event)}>
        <h2 id={ids.title} className="dialog-title">
          Restore the backup of {fullTime(backup.at)}?
        </h2>
        <p id={ids.text} className="dialog-text">
          The conversation list (the trash, and the titles and pins of conversations saved before they kept
          their own), the settings and the backend profiles go back to how they were then:{' '}
          {describeBackup(backup)}. Your conversations keep their messages. What you have now is backed up
          first, so you can restore it again.
        </p>
        <DialogFormActions
          cancelRef={cancel}
          onCancel={onCancel}
          submitLabel="Restore"
          tone="primary"
          busy={busy}
          error={error}
          errorContext="Nothing was restored."
        />
      </form>
    </ModalDialog>
  );
}
