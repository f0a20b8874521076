import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { SHORT_NAME_MAX } from '../../../../shared/contract/limits';
import type { SystemPromptPreset } from '../../../../shared/domain/presets';
import { useController } from '../../state/controller-context';
import { FieldError } from './FieldError';

/** Renames one saved preset in place; the name's error shows at the field. */
function RenamePreset({
  preset,
  onDone,
}: {
  preset: SystemPromptPreset;
  onDone: (message?: string) => void;
}) {
  const { presets } = useController();
  const inputId = useId();
  const errorId = useId();
  const [name, setName] = useState(preset.name);
  const [error, setError] = useState<string>();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.select(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await presets.save({ id: preset.id, name, prompt: preset.prompt });
    if (saved.ok) onDone(`Renamed to “${saved.value.name}”.`);
    else setError(saved.error.fields?.name ?? saved.error.message);
  };

  return (
    <form className="preset-rename" onSubmit={(e) => void submit(e)}>
      <label htmlFor={inputId} className="visually-hidden">
        New name for {preset.name}
      </label>
      <input
        id={inputId}
        className="system-prompt-input"
        value={name}
        maxLength={SHORT_NAME_MAX}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => setName(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            onDone();
          }
        }}
        ref={input}
      />
      <button type="submit" className="button">
        Save name
      </button>
      <button type="button" className="button button-quiet" onClick={() => onDone()}>
        Cancel
      </button>
      <FieldError id={errorId} message={error} />
    </form>
  );
}

/** Asks before deleting, in place; focus starts on Keep, the safe answer. */
function ConfirmDelete({
  name,
  onDelete,
  onKeep,
}: {
  name: string;
  onDelete: () => void;
  onKeep: () => void;
}) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <span className="preset-confirm">
      Delete “{name}”?{' '}
      <button type="button" className="button button-danger" onClick={onDelete}>
        Delete
      </button>{' '}
      <button ref={keep} type="button" className="button" onClick={onKeep}>
        Keep
      </button>
    </span>
  );
}

/**
 * The preset library: built-ins are listed read-only; saved presets can be renamed or deleted
 * (after a confirmation in place). What happened is said in a status line.
 */
export function ManagePresets({ presets }: { presets: readonly SystemPromptPreset[] }) {
  const controller = useController();
  const [renaming, setRenaming] = useState<string>();
  const [confirming, setConfirming] = useState<string>();
  const [status, setStatus] = useState('');
  const section = useRef<HTMLElement>(null);

  /** Focus goes back to a preset's Rename button once its row shows buttons again (else to the list). */
  const refocus = (presetId?: string) =>
    requestAnimationFrame(() => {
      const button = presetId
        ? section.current?.querySelector<HTMLElement>(`[data-rename="${CSS.escape(presetId)}"]`)
        : undefined;
      (button ?? section.current)?.focus();
    });

  const remove = async (preset: SystemPromptPreset) => {
    const deleted = await controller.presets.remove(preset.id);
    setConfirming(undefined);
    setStatus(deleted.ok ? `Deleted “${preset.name}”.` : deleted.error.message);
    refocus(deleted.ok ? undefined : preset.id);
  };

  return (
    <section ref={section} className="preset-manager" aria-label="Manage presets" tabIndex={-1}>
      <ul className="preset-list">
        {presets.map((preset) => (
          <li key={preset.id} className="preset-item">
            {renaming === preset.id ? (
              <RenamePreset
                preset={preset}
                onDone={(message) => {
                  setRenaming(undefined);
                  if (message) setStatus(message);
                  refocus(preset.id);
                }}
              />
            ) : (
              <>
                <span className="preset-name">{preset.name}</span>
                <span className="preset-prompt" title={preset.prompt}>
                  {preset.prompt || 'No system prompt'}
                </span>
                {preset.builtIn ? (
                  <span className="preset-builtin">Built in · read-only</span>
                ) : confirming === preset.id ? (
                  <ConfirmDelete
                    name={preset.name}
                    onDelete={() => void remove(preset)}
                    onKeep={() => {
                      setConfirming(undefined);
                      refocus(preset.id);
                    }}
                  />
                ) : (
                  <span className="preset-actions">
                    <button
                      type="button"
                      className="button button-quiet"
                      aria-label={`Rename ${preset.name}`}
                      data-rename={preset.id}
                      onClick={() => setRenaming(preset.id)}
                    >
                      Rename
                    </button>
                    <button
                      type="button"
                      className="button button-quiet"
                      aria-label={`Delete ${preset.name}`}
                      onClick={() => setConfirming(preset.id)}
                    >
                      Delete
                    </button>
                  </span>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      <p className="visually-hidden" role="status">
        {status}
      </p>
    </section>
  );
}
