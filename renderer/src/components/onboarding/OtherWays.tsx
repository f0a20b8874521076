import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { UserError } from '../../../../shared/domain/errors';
import { guessKind, profilePresets, type ProfileInput } from '../../../../shared/domain/profiles';
import { useAppState, useController } from '../../state/controller-context';
import { freeProfileName } from '../../state/onboarding/profile-name';
import { ErrorDetails } from '../notices/ErrorDetails';

type Way = 'cloud' | 'url';

/** The two ways that need no local server: a cloud key (OpenAI) or a server's URL. */
export function OtherWays() {
  const [open, setOpen] = useState<Way>();
  return (
    <div className="other-ways">
      <h3 className="welcome-subtitle">Or</h3>
      <div className="other-ways-buttons">
        <button
          type="button"
          className="button"
          aria-expanded={open === 'cloud'}
          onClick={() => setOpen(open === 'cloud' ? undefined : 'cloud')}
        >
          Add a cloud key
        </button>
        <button
          type="button"
          className="button"
          aria-expanded={open === 'url'}
          onClick={() => setOpen(open === 'url' ? undefined : 'url')}
        >
          Enter a server URL
        </button>
      </div>
      {open && <QuickProfileForm key={open} way={open} onDone={() => setOpen(undefined)} />}
    </div>
  );
}

/**
 * One field, saved as a profile: a key for OpenAI's preset, or a URL (its kind guessed from the port,
 * else Custom). Main checks it with the profile schema; its words land under the field.
 */
function QuickProfileForm({ way, onDone }: { way: Way; onDone: () => void }) {
  const controller = useController();
  const names = useAppState((s) => s.profiles);
  const id = useId();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<UserError>();
  const [saving, setSaving] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  // Opened by the user's click: the field takes focus, to paste or type at once.
  useEffect(() => field.current?.focus(), []);
  const label = way === 'cloud' ? 'OpenAI API key' : 'Server URL';

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const text = value.trim();
    if (!text) return setError(way === 'cloud' ? 'Paste your API key.' : 'Type the server’s base URL.');
    const kind = way === 'cloud' ? 'openai' : guessKind(text);
    const preset = profilePresets[kind];
    const input: ProfileInput = {
      name: freeProfileName(
        preset.name,
        names.map((p) => p.name),
      ),
      kind,
      baseUrl: way === 'cloud' ? preset.baseUrl : text,
      ...(way === 'cloud' ? { apiKey: text } : {}),
    };
    setSaving(true);
    const created = await controller.onboarding.add(input);
    setSaving(false);
    if (created.ok) return onDone();
    const field = created.error.fields?.[way === 'cloud' ? 'apiKey' : 'baseUrl'];
    if (field) {
      setError(field);
      setFailure(undefined);
    } else {
      setError(undefined);
      setFailure(created.error);
    }
  };

  return (
    <form className="quick-profile" noValidate onSubmit={(event) => void onSubmit(event)}>
      <label htmlFor={`${id}-value`}>{label}</label>
      <div className="quick-profile-row">
        <input
          id={`${id}-value`}
          className="input input-mono"
          type={way === 'cloud' ? 'password' : 'text'}
          autoComplete="off"
          spellCheck={false}
          placeholder={way === 'cloud' ? 'sk-…' : 'http://192.168.1.20:8080/v1'}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
          value={value}
          ref={field}
          onChange={(event) => {
            setValue(event.target.value);
            setError(undefined);
          }}
        />
        <button type="submit" className="button button-primary" aria-disabled={saving || undefined}>
          {saving ? 'Adding…' : 'Add'}
        </button>
      </div>
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="welcome-note">
          {way === 'cloud'
            ? 'Saved as an OpenAI profile. Replies then come from api.openai.com, not this computer.'
            : 'Any OpenAI-compatible server, usually ending in /v1. Settings can change it later.'}
        </p>
      )}
      {failure && (
        <div className="inline-error" role="alert">
          <ErrorDetails error={failure} context="The profile was not added." />
        </div>
      )}
    </form>
  );
}
