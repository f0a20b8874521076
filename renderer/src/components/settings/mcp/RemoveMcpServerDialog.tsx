import { useId, useState, type FormEvent } from 'react';
import type { UserError } from '../../../../../shared/domain/errors';
import type { McpServerView } from '../../../../../shared/domain/mcp';
import { useModalDialog } from '../../../hooks/use-modal-dialog';
import { useController } from '../../../state/controller-context';
import { DialogFormActions } from '../DialogFormActions';
import { ModalDialog } from '../../dialog/ModalDialog';

/** Confirms removing a server (it is stopped and its saved secrets go with it). */
export function RemoveMcpServerDialog({
  server,
  onRemoved,
  onCancel,
}: {
  server: McpServerView;
  onRemoved: () => void;
  onCancel: () => void;
}) {
  const mcp = useController().mcp;
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
    const removed = await mcp.remove(server.id);
    setBusy(false);
    if (removed.ok) onRemoved();
    else setError(removed.error);
  };

  return (
    <ModalDialog dialogRef={dialog} titleId={ids.title} descriptionId={ids.text} onCancel={onDialogCancel}>
      <form noValidate onSubmit={(event) => void onSubmit(event)}>
        <h2 id={ids.title} className="dialog-title">
          Remove “{server.name}”?
        </h2>
        <p id={ids.text} className="dialog-text">
          The server is stopped and removed with its saved environment variables and headers. Conversations
          that used its tools keep their messages.
        </p>
        <DialogFormActions
          cancelRef={cancel}
          onCancel={onCancel}
          submitLabel="Remove"
          tone="danger"
          busy={busy}
          error={error}
          errorContext="The server was not removed."
        />
      </form>
    </ModalDialog>
  );
}
