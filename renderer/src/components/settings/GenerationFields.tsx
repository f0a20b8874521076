import { Field } from './Field';
import { paramInputs, paramKeys, paramLabels, type FieldErrors, type ParamKey } from './profile-form';

interface Props {
  values: Record<ParamKey, string>;
  errors: FieldErrors;
  onChange: (key: ParamKey, value: string) => void;
}

/** Temperature, top P, max tokens and context length: empty means the backend's default. */
export function GenerationFields({ values, errors, onChange }: Props) {
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
      </div>
    </fieldset>
  );
}
