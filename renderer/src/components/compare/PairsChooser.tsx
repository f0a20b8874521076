import type { ProfileView } from '../../../../shared/domain/profiles';
import { fieldError, MAX_PAIRS, type PairDraft } from '../../state/compare/compare-form';
import { PairRow } from './PairRow';

/** The backends to compare: two or more profile + model pairs, added and removed freely. */
export function PairsChooser({
  pairs,
  profiles,
  fields,
  disabled,
  onChangePair,
  onRemove,
  onAdd,
}: {
  pairs: readonly PairDraft[];
  profiles: readonly ProfileView[];
  /** The host's field errors (`pairs`, `pairs.1.model`). */
  fields: Record<string, string> | undefined;
  disabled: boolean;
  /** Edits one pair by key (a patch, so an edit never undoes a model filled in meanwhile). */
  onChangePair: (key: number, patch: Partial<PairDraft>) => void;
  onRemove: (key: number) => void;
  onAdd: () => void;
}) {
  const listError = fields?.['pairs'];
  return (
    <fieldset className="compare-fieldset" disabled={disabled}>
      <legend className="compare-legend">Backends</legend>
      <p className="field-hint">
        Each prompt goes to every backend, with the same system prompt and parameters.
      </p>
      {profiles.length === 0 ? (
        <p className="pane-note">No backend profiles yet: add one in Settings.</p>
      ) : (
        <ol className="pair-list" aria-label="Backends to compare">
          {pairs.map((pair, index) => (
            <PairRow
              key={pair.key}
              index={index}
              pair={pair}
              profiles={profiles}
              error={fieldError(fields, `pairs.${index}`)}
              disabled={disabled}
              onChange={(patch) => onChangePair(pair.key, patch)}
              onRemove={() => onRemove(pair.key)}
            />
          ))}
        </ol>
      )}
      {listError && <p className="field-error">{listError}</p>}
      <button
        type="button"
        className="button"
        disabled={disabled || profiles.length === 0 || pairs.length >= MAX_PAIRS}
        onClick={onAdd}
      >
        Add backend
      </button>
    </fieldset>
  );
}
