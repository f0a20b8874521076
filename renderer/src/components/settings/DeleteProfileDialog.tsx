import { useId, useRef, useState, type FormEvent } from 'react';
import type { UserError } from '../../../../shared/domain/errors';
import type { ProfileView } from '../../../../shared/domain/profiles';
import { useController } from '../../state/controller-context';
import { useModalDialog } from '../../hooks/use-modal-dialog';
import { DialogFormActions } from './DialogFormActions';
import { ModalDialog } from '../dialog/ModalDialog';

export interface ProfileUsage {
  conversations: number;
  isDefault: boolean;
}

interface Props {
  profile: ProfileView;
  usage: ProfileUsage;
  others: ProfileView[];
  onDeleted: () => void;
  onCancel: () => void;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function whatDepends(usage: ProfileUsage): string {
  const parts: string[] = [];
  if (usage.isDefault) parts.push('is the default profile');
  if (usage.conversations > 0) parts.push(`is used by ${plural(usage.conversations, 'conversation')}`);
  return parts.join(' and ');
}

/**
 * Confirms deleting a profile, in the same modal pattern as deleting a conversation. When it is the
 * default or conversations use it, the user picks the profile that takes its place (required).
 */
export function DeleteProfileDialog({ profile, usage: initialUsage, others, onDeleted, onCancel }: Props) {
  const controller = useController();
  const { dialog, initialFocus: cancel } = useModalDialog<HTMLButtonElement>();
  const select = useRef<HTMLSelectElement>(null);
  const [usage, setUsage] = useState(initialUsage);
  const [replacementId, setReplacementId] = useState('');
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<UserError>();
  const [busy, setBusy] = useState(false);
  const ids = { title: useId(), text: useId(), select: useId(), missing: useId() };
  const needsReplacement = usage.isDefault || usage.conversations > 0;

  const onDialogCancel = () => {
    if (!busy) onCancel();
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (needsReplacement && !replacementId) {
      setMissing(true);
      select.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    const deleted = await controller.deleteProfile(profile.id, needsReplacement ? replacementId : undefined);
    setBusy(false);
    if (deleted.ok) return onDeleted();
    if (deleted.error.code === 'needs-replacement') {
      // Something came to depend on it meanwhile: ask again, with the fresh numbers.
      const fresh = await controller.profileUsage(profile.id);
      if (fresh.ok) setUsage(fresh.value);
    }
    setError(deleted.error);
  };

  return (
    <ModalDialog dialogRef={dialog} titleId={ids.title} descriptionId={ids.text} onCancel={onDialogCancel}>
      <form noValidate onSubmit={(event) => void onSubmit(event)}>
        <h2 id={ids.title} className="dialog-title">
          Delete this profile?
        </h2>
        <p id={ids.text} className="dialog-text">
          {needsReplacement
            ? `“${profile.name}” ${whatDepends(usage)}. Choose the profile that takes its place; those conversations keep their history.`
            : `“${profile.name}” and its saved key will be removed from this computer. No conversation uses it.`}
        </p>
        {needsReplacement && (
          <div className="field" data-invalid={missing || undefined}>
            <label className="field-label" htmlFor={ids.select}>
              Replacement profile
            </label>
            <select
              ref={select}
              id={ids.select}
              className="input"
              required
              value={replacementId}
              aria-invalid={missing || undefined}
              aria-describedby={missing ? ids.missing : undefined}
              onChange={(event) => {
                setReplacementId(event.target.value);
                setMissing(false);
              }}
            >
              <option value="">Choose a profile…</option>
              {others.map((other) => (
                <option key={other.id} value={other.id}>
                  {other.name}
                </option>
              ))}
            </select>
            {missing && (
              <p id={ids.missing} className="field-error">
                Choose which profile takes its place.
              </p>
            )}
          </div>
        )}
        <DialogFormActions
          cancelRef={cancel}
          onCancel={onCancel}
          submitLabel="Delete"
          tone="danger"
          busy={busy}
          error={error}
          errorContext="The profile was not deleted."
        />
      </form>
    </ModalDialog>
  );
}
