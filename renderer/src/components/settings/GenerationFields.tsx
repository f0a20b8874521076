import type { ReasoningEffort } from '../../../../shared/domain/reasoning-effort';
import { reasoningEfforts } from '../../../../shared/domain/reasoning-effort';
import {
  parseReasoningEffort,
  REASONING_EFFORT_HINT,
  reasoningEffortLabels,
} from '../../format/reasoning-effort';
import { Field } from './Field';
import { paramInputs, paramKeys, paramLabels, type FieldErrors, type ParamKey } from './profile-form';

interface Props {
  values: Record<ParamKey, string>;
  errors: FieldErrors;
  onChange: (key: ParamKey, value: string) => void;
  reasoningEffort: ReasoningEffort | '';
  onReasoningEffortChange: (value: ReasoningEffort | '') => void;
}

/**
 * Temperature, top P, max tokens and context length (empty means the backend's default), and the
 * reasoning effort for reasoning models (Default: not sent).
 */
export function GenerationFields({
  values,
  errors,
  onChange,
  reasoningEffort,
  onReasoningEffortChange,
}: Props) {
  return (
    <fieldset className="params">
      <legend>Generation</legend>
      <p className="field-hint">Leave a field empty to use the backend’s default.</p>
      <div className="params-grid">
        {paramKeys.map((key) => {
          const field = `params.${key}`;
          const bounds = paramInputs[key];
          return (
            <Field key={key} field={field} label={paramLabels[key]} error={errors[field]}>
              {(control) => (
                <input
                  {...control}
                  name={key}
                  className="input"
                  type="number"
                  inputMode="decimal"
                  min={bounds.min}
                  max={bounds.max}
                  step={bounds.step}
                  placeholder="default"
                  value={values[key]}
                  onChange={(event) => onChange(key, event.target.value)}
                />
              )}
            </Field>
          );
        })}
        <Field
          field="params.reasoningEffort"
          label="Reasoning effort"
          error={errors['params.reasoningEffort']}
          hint={REASONING_EFFORT_HINT}
        >
          {(control) => (
            <select
              {...control}
              name="reasoningEffort"
              className="input"
              value={reasoningEffort}
              onChange={(event) => onReasoningEffortChange(parseReasoningEffort(event.target.value) ?? '')}
            >
              <option value="">Default (not sent)</option>
              {reasoningEfforts.map((effort) => (
                <option key={effort} value={effort}>
                  {reasoningEffortLabels[effort]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </fieldset>
  );
}
