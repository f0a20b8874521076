import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { SHORT_NAME_MAX } from '../../../../shared/contract/limits';
import type { SystemPromptPreset } from '../../../../shared/domain/presets';
import { useController } from '../../state/controller-context';
import { FieldError } from './FieldError';

/** Saves the prompt being edited as a new preset; the name's and the prompt's errors show at their fields. */
export function SavePresetForm({
  prompt,
  promptFieldId,
  onPromptError,
  onSaved,
  onCancel,
}: {
  prompt: string;
  /** The editor's textarea, where a prompt error is shown. */
  promptFieldId: string;
  onPromptError: (message: string | undefined) => void;
  onSaved: (preset: SystemPromptPreset) => void;
  onCancel: () => void;
}) {
  const { presets } = useController();
  const nameId = useId();
  const nameErrorId = useId();
  const formErrorId = useId();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);

  // Opened on request: the name is what to type next.
  useEffect(() => nameInput.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const saved = await presets.save({ name, prompt });
    setSaving(false);
    if (saved.ok) {
      onPromptError(undefined);
      onSaved(saved.value);
      return;
    }
    const fields = saved.error.fields ?? {};
    setNameError(fields.name);
    onPromptError(fields.prompt);
    setFormError(fields.name || fields.prompt ? undefined : saved.error.message);
    if (fields.name) nameInput.current?.focus();
    else if (fields.prompt) document.getElementById(promptFieldId)?.focus();
  };

  return (
    <form className="system-prompt-subform" aria-label="Save as preset" onSubmit={(e) => void submit(e)}>
      <label htmlFor={nameId}>Preset name</label>
      <input
        id={nameId}
        className="system-prompt-input"
        value={name}
        maxLength={SHORT_NAME_MAX}
        aria-invalid={nameError ? true : undefined}
        aria-describedby={nameError ? nameErrorId : undefined}
        onChange={(event) => setName(event.target.value)}
        ref={nameInput}
      />
      <FieldError id={nameErrorId} message={nameError} />
      <div className="system-prompt-buttons">
        <button type="submit" className="button button-primary" disabled={saving}>
          Save preset
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {formError && (
        <p id={formErrorId} className="system-prompt-field-error" role="alert">
          {formError}
        </p>
      )}
    </form>
  );
}
