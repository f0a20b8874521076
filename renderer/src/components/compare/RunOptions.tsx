import { useId } from 'react';
import type { CompareDraft } from '../../state/compare/compare-form';
import { CompareField } from './CompareField';

/**
 * What every backend gets alike (system prompt, temperature, max tokens; empty means the backend's
 * default, never a profile's own), and whether prompts go to the backends one after another or at once.
 */
export function RunOptions({
  draft,
  errors,
  disabled,
  onChange,
}: {
  draft: CompareDraft;
  /** Local and host field errors: `systemPrompt`, `params.temperature`, `params.maxTokens`. */
  errors: Record<string, string>;
  disabled: boolean;
  onChange: (patch: Partial<CompareDraft>) => void;
}) {
  const order = useId();
  return (
    <fieldset className="compare-fieldset" disabled={disabled}>
      <legend className="compare-legend">Same for every backend</legend>
      <CompareField label="System prompt (optional)" error={errors['systemPrompt']}>
        {(control) => (
          <textarea
            {...control}
            className="input compare-textarea"
            rows={2}
            value={draft.systemPrompt}
            placeholder="e.g. You are TaskMaster, a concise task-management assistant."
            onChange={(event) => onChange({ systemPrompt: event.target.value })}
          />
        )}
      </CompareField>
      <div className="field-row">
        <CompareField
          label="Temperature"
          error={errors['params.temperature']}
          hint="0–2; empty: the backend’s default."
          className="field-narrow"
        >
          {(control) => (
            <input
              {...control}
              className="input"
              inputMode="decimal"
              value={draft.temperature}
              onChange={(event) => onChange({ temperature: event.target.value })}
            />
          )}
        </CompareField>
        <CompareField
          label="Max tokens"
          error={errors['params.maxTokens']}
          hint="Empty: the backend’s default."
          className="field-narrow"
        >
          {(control) => (
            <input
              {...control}
              className="input"
              inputMode="numeric"
              value={draft.maxTokens}
              onChange={(event) => onChange({ maxTokens: event.target.value })}
            />
          )}
        </CompareField>
      </div>
      <div className="order-choices" role="radiogroup" aria-label="Order" aria-describedby={`${order}-note`}>
        <label className="radio">
          <input
            type="radio"
            name={order}
            checked={!draft.parallel}
            onChange={() => onChange({ parallel: false })}
          />
          Run one after another
        </label>
        <label className="radio">
          <input
            type="radio"
            name={order}
            checked={draft.parallel}
            onChange={() => onChange({ parallel: true })}
          />
          Run in parallel
        </label>
      </div>
      <p id={`${order}-note`} className="field-hint">
        {draft.parallel
          ? 'Parallel requests compete for a local backend’s GPU and CPU: its timings come out slower than they are.'
          : 'Each prompt goes to one backend at a time, so no backend’s timings are slowed by another’s.'}
      </p>
    </fieldset>
  );
}
