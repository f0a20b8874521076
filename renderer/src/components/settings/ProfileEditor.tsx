import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { UserError } from '../../../../shared/domain/errors';
import { normaliseBaseUrl } from '../../../../shared/domain/backend-url';
import {
  EXAMPLE_BASE_URL,
  profileKinds,
  profilePresets,
  type ProfileView,
  type SecretStorageStatus,
} from '../../../../shared/domain/profiles';
import { useController } from '../../state/controller-context';
import { ErrorDetails } from '../notices/ErrorDetails';
import { ApiKeyField } from './ApiKeyField';
import { ConnectionResult, type TestState } from './ConnectionResult';
import { DefaultModelField } from './DefaultModelField';
import { Field } from './Field';
import { GenerationFields } from './GenerationFields';
import { ProfileEditorHead } from './ProfileEditorHead';
import {
  buildInput,
  fieldId,
  fieldOrder,
  formFromProfile,
  kindLabels,
  paramKeys,
  type FieldErrors,
  type ParamKey,
  type ProfileForm,
  withKind,
} from './profile-form';

interface Props {
  /** The saved profile being edited; undefined for a new one (from a preset). */
  profile: ProfileView | undefined;
  initial: ProfileForm;
  isDefault: boolean;
  isOnly: boolean;
  secrets: SecretStorageStatus | undefined;
  /** Changes when the title should take focus (opened on this profile from elsewhere). */
  focusRequest: number;
  onSaved: (profile: ProfileView) => void;
  onDuplicate: () => void;
  onDelete: () => void;
  onMakeDefault: () => void;
}

/** Number fields the browser could not read (typed "1e", "-"): their value is empty, not "default". */
function unreadableNumbers(form: HTMLFormElement): Set<ParamKey> {
  const bad = new Set<ParamKey>();
  for (const key of paramKeys) {
    const el = form.elements.namedItem(key);
    if (el instanceof HTMLInputElement && el.validity.badInput) bad.add(key);
  }
  return bad;
}

/** Where requests go, computed as main will: the exact URL, or why there is none. */
function RequestTarget({ baseUrl }: { baseUrl: string }) {
  const normalised = normaliseBaseUrl(baseUrl);
  if (normalised.ok)
    return (
      <p>
        Requests go to: <code className="request-url">{normalised.url}/chat/completions</code>
      </p>
    );
  return (
    <p>
      {baseUrl.trim() ? normalised.reason : 'Enter the server’s base URL, ending in /v1 for most servers.'}
    </p>
  );
}

/**
 * Edits one profile. Everything is checked with the same schema main uses before anything is sent;
 * main's own field errors land at the same fields. Nothing is saved half-way: Save sends the whole
 * profile, or shows why not.
 */
export function ProfileEditor({
  profile,
  initial,
  isDefault,
  isOnly,
  secrets,
  focusRequest,
  onSaved,
  onDuplicate,
  onDelete,
  onMakeDefault,
}: Props) {
  const controller = useController();
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<UserError>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [test, setTest] = useState<TestState>({ phase: 'idle' });
  const [errorFocus, setErrorFocus] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const title = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (focusRequest > 0) title.current?.focus();
  }, [focusRequest]);

  // After a failed Save or Test, the first field with an error takes focus.
  useEffect(() => {
    if (errorFocus === 0) return;
    const first = fieldOrder.find((field) => errors[field] !== undefined);
    if (first) document.getElementById(fieldId(first))?.focus();
  }, [errorFocus, errors]);

  const update = (patch: Partial<ProfileForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setSaved(false);
  };
  const clearError = (field: string) =>
    setErrors((current) => {
      if (!(field in current)) return current;
      const { [field]: _gone, ...rest } = current;
      return rest;
    });

  const showErrors = (fields: FieldErrors) => {
    setErrors(fields);
    setErrorFocus((n) => n + 1);
    const unplaced = Object.entries(fields).filter(
      ([field]) => !(fieldOrder as readonly string[]).includes(field),
    );
    setFormError(
      unplaced.length > 0
        ? {
            code: 'invalid-input',
            message: unplaced.map(([, message]) => message).join(' '),
            fix: 'Correct the profile and save again.',
            retryable: false,
          }
        : undefined,
    );
  };

  const build = () => {
    const el = formRef.current;
    return buildInput(form, { isNew: !profile, badInput: el ? unreadableNumbers(el) : new Set() });
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    setSaved(false);
    const built = build();
    if (!built.ok) return showErrors(built.fields);
    setErrors({});
    setFormError(undefined);
    setSaving(true);
    const result = profile
      ? await controller.updateProfile(profile.id, built.input)
      : await controller.createProfile(built.input);
    setSaving(false);
    if (!result.ok) {
      if (result.error.fields && Object.keys(result.error.fields).length > 0) showErrors(result.error.fields);
      else setFormError(result.error);
      return;
    }
    setForm(formFromProfile(result.value));
    setSaved(true);
    onSaved(result.value);
  };

  const onTest = async (completion?: boolean) => {
    const built = build();
    if (!built.ok) return showErrors(built.fields);
    setErrors({});
    setFormError(undefined);
    const url = built.input.baseUrl;
    setTest({ phase: 'running', url });
    const result = await controller.testProfile({
      draft: built.input,
      ...(profile ? { id: profile.id } : {}),
      ...(completion ? { completion } : {}),
    });
    if (result.ok) setTest({ phase: 'done', report: result.value });
    else {
      if (result.error.fields) showErrors(result.error.fields);
      setTest({ phase: 'failed', url, error: result.error });
    }
  };

  const preset = profilePresets[form.kind];
  const heading = profile ? profile.name : 'New profile';

  return (
    <form
      ref={formRef}
      className="profile-editor"
      aria-labelledby="profile-editor-title"
      noValidate
      onSubmit={(event) => void onSubmit(event)}
    >
      <ProfileEditorHead
        heading={heading}
        saved={profile !== undefined}
        isDefault={isDefault}
        isOnly={isOnly}
        titleRef={title}
        onMakeDefault={onMakeDefault}
        onDuplicate={onDuplicate}
        onDelete={onDelete}
      />

      <div className="field-row">
        <Field field="name" label="Name" error={errors.name}>
          {(control) => (
            <input
              {...control}
              name="name"
              className="input"
              type="text"
              autoComplete="off"
              value={form.name}
              onChange={(event) => {
                update({ name: event.target.value });
                clearError('name');
              }}
            />
          )}
        </Field>
        <Field field="kind" label="Kind" error={errors.kind} className="field-narrow">
          {(control) => (
            <select
              {...control}
              name="kind"
              className="input"
              value={form.kind}
              onChange={(event) => {
                const kind = profileKinds.find((k) => k === event.target.value) ?? 'custom';
                setForm((current) => withKind(current, kind));
                setSaved(false);
              }}
            >
              {profileKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {kindLabels[kind]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      <Field
        field="baseUrl"
        label="Base URL"
        error={errors.baseUrl}
        hint={<RequestTarget baseUrl={form.baseUrl} />}
      >
        {(control) => (
          <input
            {...control}
            name="baseUrl"
            className="input input-mono"
            type="text"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="off"
            placeholder={preset.baseUrl || EXAMPLE_BASE_URL}
            value={form.baseUrl}
            onChange={(event) => {
              update({ baseUrl: event.target.value });
              clearError('baseUrl');
            }}
          />
        )}
      </Field>

      <ApiKeyField
        profile={profile}
        edit={form.key}
        hint={preset.keyHint}
        error={errors.apiKey}
        secrets={secrets}
        onChange={(key) => {
          update({ key });
          clearError('apiKey');
        }}
      />

      <DefaultModelField
        profileId={profile?.id}
        value={form.defaultModel}
        error={errors.defaultModel}
        test={test}
        onChange={(defaultModel) => {
          update({ defaultModel });
          clearError('defaultModel');
        }}
      />

      <GenerationFields
        values={form.params}
        errors={errors}
        onChange={(key, value) => {
          setForm((current) => ({ ...current, params: { ...current.params, [key]: value } }));
          setSaved(false);
          clearError(`params.${key}`);
        }}
        reasoningEffort={form.reasoningEffort}
        onReasoningEffortChange={(reasoningEffort) => {
          update({ reasoningEffort });
          clearError('params.reasoningEffort');
        }}
      />

      {formError && (
        <div className="inline-error" role="alert">
          <ErrorDetails error={formError} context="The profile was not saved." />
        </div>
      )}

      <div className="editor-actions">
        {/* aria-disabled, not disabled: a disabled button would drop the keyboard focus it has. */}
        <button type="submit" className="button button-primary" aria-disabled={saving || undefined}>
          Save
        </button>
        <button
          type="button"
          className="button"
          aria-disabled={test.phase === 'running' || undefined}
          onClick={() => {
            if (test.phase !== 'running') void onTest();
          }}
        >
          Test connection
        </button>
        <span className="save-status" role="status">
          {saving ? 'Saving…' : saved ? 'Saved.' : ''}
        </span>
      </div>

      <ConnectionResult
        state={test}
        onTestCompletion={() => {
          if (test.phase !== 'running') void onTest(true);
        }}
      />
    </form>
  );
}
