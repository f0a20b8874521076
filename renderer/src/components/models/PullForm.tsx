import { useId, useState, type FormEvent, type RefObject } from 'react';
import type { UserError } from '../../../../shared/domain/errors';
import { SUGGESTED_MODELS } from '../../state/models/pull-format';
import { ErrorDetails } from '../notices/ErrorDetails';

interface Props {
  /** Filled in when the dialog was opened on a suggestion. */
  initial: string;
  onPull: (model: string) => Promise<UserError | undefined>;
  /** The name field (the dialog focuses it first). */
  field: RefObject<HTMLInputElement | null>;
}

/** A model name to pull (any from ollama.com/library, with a tag or not), and a few suggestions. */
export function PullForm({ initial, onPull, field }: Props) {
  const id = useId();
  const [name, setName] = useState(initial);
  const [error, setError] = useState<UserError>();
  const [starting, setStarting] = useState(false);

  const start = async (model: string) => {
    if (starting) return;
    setStarting(true);
    const failed = await onPull(model);
    setStarting(false);
    setError(failed);
    if (failed) field.current?.focus();
    else setName('');
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void start(name);
  };

  return (
    <form className="pull-form" noValidate onSubmit={onSubmit}>
      <label htmlFor={`${id}-name`} className="models-label">
        Pull a model
      </label>
      <div className="pull-form-row">
        <input
          ref={field}
          id={`${id}-name`}
          className="input input-mono"
          type="text"
          autoComplete="off"
          spellCheck={false}
          placeholder="llama3.2, qwen3:8b, gemma3…"
          aria-describedby={`${id}-hint`}
          aria-invalid={error ? true : undefined}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            setError(undefined);
          }}
        />
        <button type="submit" className="button button-primary" aria-disabled={starting || undefined}>
          Pull
        </button>
      </div>
      <p id={`${id}-hint`} className="models-hint">
        Any name from ollama.com/library, e.g.{' '}
        {SUGGESTED_MODELS.map((model, i) => (
          <span key={model}>
            {i > 0 && ', '}
            <button type="button" className="link-button" onClick={() => setName(model)}>
              {model}
            </button>
          </span>
        ))}
        .
      </p>
      {error && (
        <div className="inline-error" role="alert">
          <ErrorDetails error={error} context="The pull did not start." />
        </div>
      )}
    </form>
  );
}
