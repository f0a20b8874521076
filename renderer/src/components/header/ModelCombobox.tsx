import { useEffect, useId, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { MODEL_ID_MAX } from '../../../../shared/contract/limits';
import type { ProfileView } from '../../../../shared/domain/profiles';
import { modelLabel } from '../../format/model-info';
import { useAppState, useController } from '../../state/controller-context';
import { chosenModel, currentProfile } from '../../state/profiles/backend-selectors';

/** A pick from the suggestions (not typing) arrives as an input event without typing's inputType. */
function isPick(event: ChangeEvent<HTMLInputElement>): boolean {
  const native = event.nativeEvent;
  return !(native instanceof InputEvent) || native.inputType === 'insertReplacementText';
}

/**
 * The model for this conversation: the backend's list as suggestions, any typed name accepted.
 * Committed on Enter, on leaving the field, or on picking a suggestion; empty means the profile's
 * default model. Escape while editing puts the committed value back.
 */
export function ModelCombobox() {
  const profile = useAppState(currentProfile);
  const conversationId = useAppState((s) => s.selectedId);
  // A new conversation or backend starts with a clean field.
  return <ModelField key={`${conversationId ?? 'new'}|${profile?.id ?? ''}`} profile={profile} />;
}

function ModelField({ profile }: { profile: ProfileView | undefined }) {
  const controller = useController();
  const listId = useId();
  const chosen = useAppState(chosenModel);
  const choices = useAppState((s) => (profile ? s.modelChoices[profile.id] : undefined));
  const [draft, setDraft] = useState<string>();
  /** Committed but not yet confirmed by the host: shown meanwhile, and not sent twice. */
  const [pending, setPending] = useState<string>();
  const value = draft ?? pending ?? chosen ?? '';
  const models = choices?.models ?? [];
  const input = useRef<HTMLInputElement>(null);
  const focusRequest = useAppState((s) => s.modelPickerFocus);
  // "Choose another model" (the composer's vision warning) asks for this field.
  useEffect(() => {
    if (focusRequest > 0) input.current?.focus();
  }, [focusRequest]);

  const commit = (raw: string) => {
    setDraft(undefined);
    const next = raw.trim();
    if (!profile || next === (pending ?? chosen ?? '')) return;
    setPending(next);
    void controller.setBackend(profile.id, next || null).finally(() => setPending(undefined));
  };

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const text = event.target.value;
    if (isPick(event) && models.some((m) => m.id === text)) commit(text);
    else setDraft(text);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit(value);
    } else if (event.key === 'Escape' && draft !== undefined) {
      event.preventDefault();
      setDraft(undefined);
    }
  };

  const fallback = profile?.defaultModel ?? 'first available model';
  return (
    <>
      <input
        ref={input}
        className="header-model"
        aria-label="Model"
        list={listId}
        value={value}
        maxLength={MODEL_ID_MAX}
        // Short enough to show whole in the header (the title says it in full).
        placeholder={profile?.defaultModel ? `${profile.defaultModel} (default)` : 'First listed model'}
        title={choices?.error ?? (value || `The profile’s default: ${fallback}`)}
        data-error={choices?.error ? true : undefined}
        disabled={!profile}
        spellCheck={false}
        autoComplete="off"
        onFocus={() => {
          if (profile) void controller.loadModels(profile.id);
        }}
        onChange={onChange}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (draft !== undefined) commit(draft);
        }}
      />
      <datalist id={listId}>
        {models.map((model) => (
          <option key={model.id} value={model.id}>
            {modelLabel(model)}
          </option>
        ))}
      </datalist>
    </>
  );
}
