import { useId } from 'react';
import type { CompareDraft } from '../../state/compare/compare-form';
import '../../styles/settings-desktop.css';
import { CompareField } from './CompareField';

/**
 * What every backend gets alike (system prompt, temperature, max tokens; empty means the backend's
 * default, never a profile's own), whether prompts go to the backends one after another or at once,
 * and whether tools are offered.
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
      {/* Off by default: a tool round trip (and its approval) would be timed with the answer. */}
      <div className="switch-row">
        <input
          id={`${order}-tools`}
          type="checkbox"
          role="switch"
          className="switch"
          checked={draft.tools}
          aria-describedby={`${order}-tools-hint`}
          onChange={(event) => onChange({ tools: event.target.checked })}
        />
        <div className="switch-text">
          <label className="switch-label" htmlFor={`${order}-tools`}>
            Use tools
          </label>
          <p id={`${order}-tools-hint`} className="field-hint">
            Compare measures speed, so it runs without tools unless this is on: then every backend gets the
            task list and the enabled MCP servers, and tool calls count in its time.
          </p>
        </div>
      </div>
    </fieldset>
  );
}
