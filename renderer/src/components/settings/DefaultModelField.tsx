import { useId } from 'react';
import type { ModelInfo } from '../../../../shared/domain/profiles';
import { modelLabel } from '../../format/model-info';
import { useAppState, useController } from '../../state/controller-context';
import type { TestState } from './ConnectionResult';
import { Field } from './Field';

interface Props {
  /** The saved profile's id; undefined for a new one (which has no list yet). */
  profileId: string | undefined;
  value: string;
  error: string | undefined;
  /** Its models are suggested too, whatever the kind. */
  test: TestState;
  onChange: (value: string) => void;
}

/** The default model, with suggestions: the saved profile's list, or the models the last test found. */
export function DefaultModelField({ profileId, value, error, test, onChange }: Props) {
  const controller = useController();
  const listId = useId();
  const listed = useAppState((s) => (profileId ? s.modelChoices[profileId] : undefined));
  const tested = test.phase === 'done' ? test.report.diagnostics?.models : undefined;
  const suggestions: readonly ModelInfo[] = listed?.models ?? tested ?? [];
  return (
    <Field
      field="defaultModel"
      label="Default model"
      error={error}
      hint={<p>Used when a conversation does not choose one. Empty: the first model the backend lists.</p>}
    >
      {(control) => (
        <>
          <input
            {...control}
            name="defaultModel"
            className="input input-mono"
            type="text"
            list={listId}
            autoComplete="off"
            spellCheck={false}
            placeholder="first available model"
            title={listed?.error}
            value={value}
            onFocus={() => {
              if (profileId) void controller.loadModels(profileId);
            }}
            onChange={(event) => onChange(event.target.value)}
          />
          <datalist id={listId}>
            {suggestions.map((model) => (
              <option key={model.id} value={model.id}>
                {modelLabel(model)}
              </option>
            ))}
          </datalist>
        </>
      )}
    </Field>
  );
}
