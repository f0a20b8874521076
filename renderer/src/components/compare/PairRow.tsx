import { useId } from 'react';
import { MODEL_ID_MAX } from '../../../../shared/contract/limits';
import type { ProfileView } from '../../../../shared/domain/profiles';
import { modelLabel } from '../../format/model-info';
import type { PairDraft } from '../../state/compare/compare-form';
import { useAppState, useController } from '../../state/controller-context';

/**
 * One profile + model pair: the profile from the saved backends, the model from that backend's list
 * (any typed name accepted, as in the header). Numbered, so errors and results can name it.
 */
export function PairRow({
  index,
  pair,
  profiles,
  error,
  disabled,
  onChange,
  onRemove,
}: {
  index: number;
  pair: PairDraft;
  profiles: readonly ProfileView[];
  error: string | undefined;
  disabled: boolean;
  onChange: (patch: Partial<PairDraft>) => void;
  onRemove: () => void;
}) {
  const controller = useController();
  const listId = useId();
  const errorId = useId();
  const choices = useAppState((s) => s.modelChoices[pair.profileId]);
  const models = choices?.models ?? [];
  const number = index + 1;
  const profile = profiles.find((p) => p.id === pair.profileId);
  const fallback = profile?.defaultModel;

  return (
    <li className="pair-row" data-invalid={error ? true : undefined}>
      <span className="pair-number" aria-hidden="true">
        {number}
      </span>
      <select
        className="input pair-profile"
        aria-label={`Profile for backend ${number}`}
        value={pair.profileId}
        disabled={disabled}
        onChange={(event) => {
          // Another backend lists other models: its own is filled in. The same one keeps the model.
          if (event.target.value !== pair.profileId) onChange({ profileId: event.target.value, model: '' });
        }}
      >
        {!profile && <option value="">Choose a profile…</option>}
        {profiles.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <input
        className="input input-mono pair-model"
        aria-label={`Model for backend ${number}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        list={listId}
        value={pair.model}
        maxLength={MODEL_ID_MAX}
        placeholder={fallback ? `${fallback}` : 'model name'}
        title={choices?.error ?? undefined}
        data-error={choices?.error ? true : undefined}
        disabled={disabled}
        spellCheck={false}
        autoComplete="off"
        onFocus={() => {
          if (pair.profileId) void controller.loadModels(pair.profileId);
        }}
        onChange={(event) => onChange({ model: event.target.value })}
      />
      <datalist id={listId}>
        {models.map((model) => (
          <option key={model.id} value={model.id}>
            {modelLabel(model)}
          </option>
        ))}
      </datalist>
      <button
        type="button"
        className="button button-quiet pair-remove"
        aria-label={`Remove backend ${number}`}
        title="Remove"
        disabled={disabled}
        onClick={onRemove}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
          <path d="M4 4l8 8M12 4l-8 8" />
        </svg>
      </button>
      {error && (
        <p id={errorId} className="field-error pair-error">
          {error}
        </p>
      )}
      {!error && choices?.error && (
        <p className="field-hint pair-error">Models could not be listed: {choices.error}</p>
      )}
    </li>
  );
}
