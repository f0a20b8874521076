import { useEffect, useRef } from 'react';
import { API_KEY_MAX } from '../../../../shared/contract/limits';
import type { ProfileView, SecretStorageStatus } from '../../../../shared/domain/profiles';
import { fieldId, type KeyEdit } from './profile-form';

/**
 * The key is never shown and never comes back from main: a saved key shows as "A key is saved"
 * (or "Key from OPENAI_API_KEY") with Replace and Remove; typing one replaces it on Save.
 */
export function ApiKeyField({
  profile,
  edit,
  hint,
  error,
  secrets,
  onChange,
}: {
  profile: ProfileView | undefined;
  edit: KeyEdit;
  hint: string;
  error: string | undefined;
  secrets: SecretStorageStatus | undefined;
  onChange: (edit: KeyEdit) => void;
}) {
  const id = fieldId('apiKey');
  const input = useRef<HTMLInputElement>(null);
  const replaceButton = useRef<HTMLButtonElement>(null);
  const wasTyping = useRef(edit.mode === 'set');
  const typing = edit.mode === 'set';

  // Replace moves focus into the new field; giving up on replacing moves it back.
  useEffect(() => {
    if (typing && !wasTyping.current) input.current?.focus();
    if (!typing && wasTyping.current) replaceButton.current?.focus();
    wasTyping.current = typing;
  }, [typing]);

  const saved = profile?.hasApiKey === true;
  const source =
    profile?.apiKeySource === 'environment'
      ? 'Key from OPENAI_API_KEY'
      : saved
        ? 'A key is saved'
        : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const hintId = `${id}-hint`;
  const noteId = secrets && !secrets.encrypted ? `${id}-note` : undefined;

  return (
    <div className="field field-key" data-invalid={error ? true : undefined}>
      {typing ? (
        <label className="field-label" htmlFor={id}>
          API key
        </label>
      ) : (
        <span className="field-label" id={`${id}-label`}>
          API key
        </span>
      )}
      {edit.mode === 'set' && (
        <div className="key-row">
          <input
            ref={input}
            id={id}
            className="input"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder={saved ? 'New key' : 'Optional'}
            value={edit.value}
            maxLength={API_KEY_MAX}
            aria-invalid={error ? true : undefined}
            aria-describedby={[errorId, hintId, noteId].filter(Boolean).join(' ')}
            onChange={(event) => onChange({ mode: 'set', value: event.target.value })}
          />
          {saved && (
            <button type="button" className="button button-quiet" onClick={() => onChange({ mode: 'keep' })}>
              Keep saved key
            </button>
          )}
        </div>
      )}
      {edit.mode === 'keep' && (
        <div className="key-row" role="group" aria-labelledby={`${id}-label ${id}-state`}>
          <span id={`${id}-state`} className="key-state">
            {source}
          </span>
          <button
            ref={replaceButton}
            type="button"
            className="button"
            onClick={() => onChange({ mode: 'set', value: '' })}
          >
            Replace key
          </button>
          {profile?.apiKeySource === 'saved' && (
            <button type="button" className="button" onClick={() => onChange({ mode: 'remove' })}>
              Remove key
            </button>
          )}
        </div>
      )}
      {edit.mode === 'remove' && (
        <div className="key-row">
          <span className="key-state">The saved key will be removed when you save.</span>
          <button
            ref={replaceButton}
            type="button"
            className="button"
            onClick={() => onChange({ mode: 'keep' })}
          >
            Keep key
          </button>
        </div>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      <p id={hintId} className="field-hint">
        {hint}
        {profile?.apiKeySource === 'environment' &&
          ' A key saved here takes the place of the environment variable for this profile.'}
      </p>
      {noteId && (
        <p id={noteId} className="callout callout-warning" role="note">
          {secrets?.warning ??
            `Keys are not encrypted by the operating system on this computer (${secrets?.backend ?? 'no keyring'}).`}
        </p>
      )}
    </div>
  );
}
