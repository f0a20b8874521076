import { useEffect, useId, useState, type FormEvent } from 'react';
import type { UserError } from '../../../../shared/domain/errors';
import type { ProfileView } from '../../../../shared/domain/profiles';
import { useModalDialog } from '../../hooks/use-modal-dialog';
import { useController } from '../../state/controller-context';
import { ModalDialog } from '../dialog/ModalDialog';

interface Props {
  profile: ProfileView;
  model: string;
  /** The other installed models, to replace this one where it is used. */
  others: string[];
  /** Closed: deleted or cancelled (no error), or failed. */
  onDone: (error?: UserError) => void;
}

type Usage = { conversations: number; isDefaultModel: boolean };

/** "2 conversations use it, and it is Ollama's default model." */
function usageText(usage: Usage, profileName: string): string {
  const parts = [
    usage.conversations > 0
      ? `${usage.conversations} conversation${usage.conversations === 1 ? ' uses' : 's use'} it`
      : '',
    usage.isDefaultModel ? `it is ${profileName}’s default model` : '',
  ].filter(Boolean);
  const text = parts.join(', and ');
  return text ? ` ${text[0]?.toUpperCase()}${text.slice(1)}.` : '';
}

/**
 * Confirms deleting a model from the server's disk. When conversations (or the profile's default)
 * use it, the user picks the model that takes its place, so none is left naming a model that is gone.
 */
export function DeleteModelDialog({ profile, model, others, onDone }: Props) {
  const controller = useController();
  const { dialog, initialFocus: cancel } = useModalDialog<HTMLButtonElement>();
  const [usage, setUsage] = useState<Usage>();
  const [replacement, setReplacement] = useState(others[0] ?? '');
  const [busy, setBusy] = useState(false);
  const ids = { title: useId(), text: useId(), select: useId() };
  const needsReplacement = usage !== undefined && (usage.conversations > 0 || usage.isDefaultModel);

  useEffect(() => {
    let live = true;
    void controller.models.usage(profile.id, model).then((asked) => {
      // Unknown usage: delete as asked, main keeps conversations as they are.
      if (live) setUsage(asked.ok ? asked.value : { conversations: 0, isDefaultModel: false });
    });
    return () => {
      live = false;
    };
  }, [controller, profile.id, model]);

  const onDialogCancel = () => {
    if (!busy) onDone();
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || usage === undefined) return;
    setBusy(true);
    const deleted = await controller.models.remove(
      profile.id,
      model,
      needsReplacement && replacement ? replacement : undefined,
    );
    setBusy(false);
    onDone(deleted.ok ? undefined : deleted.error);
  };

  return (
    <ModalDialog dialogRef={dialog} titleId={ids.title} descriptionId={ids.text} onCancel={onDialogCancel}>
      <form noValidate onSubmit={(event) => void onSubmit(event)}>
        <h2 id={ids.title} className="dialog-title">
          Delete {model}?
        </h2>
        <p id={ids.text} className="dialog-text">
          It is removed from {profile.name}’s disk; pulling it again downloads it again.
          {usage ? usageText(usage, profile.name) : ' Checking which conversations use it…'}
        </p>
        {needsReplacement && others.length > 0 && (
          <div className="field">
            <label htmlFor={ids.select}>Use instead</label>
            <select
              id={ids.select}
              className="input"
              value={replacement}
              onChange={(event) => setReplacement(event.target.value)}
            >
              {others.map((other) => (
                <option key={other} value={other}>
                  {other}
                </option>
              ))}
            </select>
          </div>
        )}
        {needsReplacement && others.length === 0 && (
          <p className="dialog-text">No other model is installed: pull one first to move them to it.</p>
        )}
        <div className="dialog-actions">
          <button ref={cancel} type="button" className="button" onClick={() => !busy && onDone()}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button-danger"
            aria-disabled={busy || usage === undefined || undefined}
          >
            {busy ? 'Deleting…' : 'Delete'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
