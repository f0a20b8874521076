import { useId, useRef, useState, type FormEvent, type SyntheticEvent } from 'react';
import type { UserError } from '../../../../shared/domain/errors';
import type { ProfileView } from '../../../../shared/domain/profiles';
import { useModalDialog } from '../../hooks/use-modal-dialog';
import { useAppState, useController } from '../../state/controller-context';
import { trapFocus } from '../conversations/trap-focus';

interface Props {
  profile: ProfileView;
  model: string;
  /** The other installed models, to replace this one where it is used. */
  others: string[];
  /** Closed: deleted (no error), cancelled (no error either), or failed. */
  onDone: (error?: UserError) => void;
}

/**
 * Confirms deleting a model from the server's disk. When conversations (or the profile's default)
 * use it, the user picks the model that takes its place, so none is left naming a model that is gone.
 */
export function DeleteModelDialog({ profile, model, others, onDone }: Props) {
  const controller = useController();
  const { dialog, initialFocus: cancel } = useModalDialog<HTMLButtonElement>();
  const defaultProfileId = useAppState((s) => s.defaultProfileId);
  const conversations = useAppState((s) => s.conversations);
  const users = conversations.filter(
    (c) => c.chosenModel === model && (c.profileId ?? defaultProfileId) === profile.id,
  );
  const isDefaultModel = profile.defaultModel === model;
  const needsReplacement = users.length > 0 || isDefaultModel;
  const [replacement, setReplacement] = useState(others[0] ?? '');
  const [busy, setBusy] = useState(false);
  const select = useRef<HTMLSelectElement>(null);
  const ids = { title: useId(), text: useId(), select: useId() };

  const onDialogCancel = (event: SyntheticEvent) => {
    event.preventDefault(); // Closed by unmounting, so React state and the dialog agree.
    if (!busy) onDone();
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const deleted = await controller.models.remove(profile.id, model);
    if (!deleted.ok) {
      setBusy(false);
      return onDone(deleted.error);
    }
    // With no other model left, the profile's default (the backend's first model) takes over.
    const next = needsReplacement && replacement ? replacement : null;
    for (const c of users) {
      const moved = await controller.request('conversations.setBackend', {
        conversationId: c.id,
        profileId: profile.id,
        model: next,
      });
      if (moved.ok) controller.upsertConversation(moved.value);
    }
    if (isDefaultModel) await controller.updateProfile(profile.id, { defaultModel: next });
    onDone();
  };

  const uses = [
    users.length > 0 ? `${users.length} conversation${users.length === 1 ? ' uses' : 's use'} it` : '',
    isDefaultModel ? `it is ${profile.name}’s default model` : '',
  ]
    .filter(Boolean)
    .join(', and ');

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={ids.title}
      aria-describedby={ids.text}
      aria-modal="true"
      onCancel={onDialogCancel}
      onKeyDown={trapFocus}
    >
      <form noValidate onSubmit={(event) => void onSubmit(event)}>
        <h2 id={ids.title} className="dialog-title">
          Delete {model}?
        </h2>
        <p id={ids.text} className="dialog-text">
          It is removed from {profile.name}’s disk; pulling it again downloads it again.
          {uses && ` ${uses[0]?.toUpperCase()}${uses.slice(1)}.`}
        </p>
        {needsReplacement && (
          <div className="field">
            <label htmlFor={ids.select}>Use instead</label>
            <select
              ref={select}
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
              <option value="">The backend’s first model</option>
            </select>
          </div>
        )}
        <div className="dialog-actions">
          <button ref={cancel} type="button" className="button" onClick={() => !busy && onDone()}>
            Cancel
          </button>
          <button type="submit" className="button button-danger" aria-disabled={busy || undefined}>
            {busy ? 'Deleting…' : 'Delete'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
