import { useId, type RefObject } from 'react';
import type { PromptSet } from '../../../../shared/domain/compare';
import {
  draftPrompts,
  fieldError,
  parsePromptList,
  type CompareDraft,
  type PromptSource,
} from '../../state/compare/compare-form';
import { CompareField } from './CompareField';
import { PromptSetTools } from './PromptSetTools';

const sourceLabels: Record<PromptSource, string> = {
  single: 'One prompt',
  list: 'A list of prompts',
  saved: 'A saved set',
};

function count(n: number): string {
  return n === 1 ? '1 prompt' : `${n} prompts`;
}

/** What to run: one prompt, a list typed in (one a line), or a saved set (the built-in one included). */
export function PromptSourcePicker({
  draft,
  sets,
  fields,
  disabled,
  singleRef,
  onChange,
}: {
  draft: CompareDraft;
  sets: readonly PromptSet[];
  fields: Record<string, string> | undefined;
  disabled: boolean;
  singleRef: RefObject<HTMLTextAreaElement | null>;
  onChange: (patch: Partial<CompareDraft>) => void;
}) {
  const name = useId();
  const promptsError = fieldError(fields, 'prompts');
  const chosenSet = sets.find((s) => s.id === draft.setId);
  const prompts = draftPrompts(draft, sets);

  return (
    <fieldset className="compare-fieldset" disabled={disabled}>
      <legend className="compare-legend">Prompts</legend>
      <div className="source-choices" role="radiogroup" aria-label="Prompt source">
        {(Object.keys(sourceLabels) as PromptSource[]).map((source) => (
          <label key={source} className="radio">
            <input
              type="radio"
              name={name}
              value={source}
              checked={draft.source === source}
              onChange={() => onChange({ source })}
            />
            {sourceLabels[source]}
          </label>
        ))}
      </div>

      {draft.source === 'single' && (
        <CompareField label="Prompt" error={promptsError}>
          {(control) => (
            <textarea
              {...control}
              ref={singleRef}
              className="input compare-textarea"
              rows={3}
              value={draft.single}
              placeholder="What should every backend answer?"
              onChange={(event) => onChange({ single: event.target.value })}
            />
          )}
        </CompareField>
      )}

      {draft.source === 'list' && (
        <>
          <CompareField
            label="Prompts, one per line"
            error={promptsError}
            hint={`${count(parsePromptList(draft.list).length)}; blank lines are skipped.`}
          >
            {(control) => (
              <textarea
                {...control}
                className="input compare-textarea"
                rows={5}
                value={draft.list}
                onChange={(event) => onChange({ list: event.target.value })}
              />
            )}
          </CompareField>
          <PromptSetTools mode="save" prompts={prompts} />
        </>
      )}

      {draft.source === 'saved' && (
        <>
          <CompareField label="Prompt set" error={promptsError}>
            {(control) => (
              <select
                {...control}
                className="input"
                value={chosenSet ? draft.setId : ''}
                onChange={(event) => onChange({ setId: event.target.value })}
              >
                {!chosenSet && <option value="">Choose a set…</option>}
                {sets.map((set) => (
                  <option key={set.id} value={set.id}>
                    {set.builtIn ? `${set.name} — built in` : set.name}
                  </option>
                ))}
              </select>
            )}
          </CompareField>
          {chosenSet && (
            <ol className="set-preview" aria-label={`Prompts in ${chosenSet.name}`}>
              {chosenSet.prompts.map((prompt, index) => (
                <li key={index}>{prompt}</li>
              ))}
            </ol>
          )}
          {chosenSet && !chosenSet.builtIn && (
            <PromptSetTools
              mode="delete"
              set={chosenSet}
              onDeleted={() => onChange({ setId: sets.find((s) => s.builtIn)?.id ?? '' })}
            />
          )}
        </>
      )}
    </fieldset>
  );
}
