import { useEffect, useId, useRef, useState } from 'react';
import type { Message } from '../../../../shared/domain/conversation';
import { answerText } from '../../../../shared/domain/message-content';
import type { SystemPromptPreset } from '../../../../shared/domain/presets';
import { useController } from '../../state/controller-context';
import { FieldError } from './FieldError';
import { ManagePresets } from './ManagePresets';
import { PresetPicker } from './PresetPicker';
import { SavePresetForm } from './SavePresetForm';

const STREAMING_REASON =
  'A reply is streaming: the system prompt can be changed when it has finished (or after Stop).';

/**
 * The open part of the system prompt bar. Choosing a preset applies it at once; an edited prompt
 * is applied with Save (Revert drops the edit). Both are refused while a reply streams, and say why.
 */
export function SystemPromptEditor({
  id,
  system,
  preset,
  presets,
  streaming,
}: {
  id: string;
  system: Message | undefined;
  preset: SystemPromptPreset | undefined;
  presets: readonly SystemPromptPreset[];
  streaming: boolean;
}) {
  const controller = useController();
  const saved = system ? answerText(system) : '';
  const [draft, setDraft] = useState(saved);
  const [base, setBase] = useState(saved);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [promptError, setPromptError] = useState<string>();
  const [status, setStatus] = useState('');
  const [panel, setPanel] = useState<'none' | 'save' | 'manage'>('none');
  const pickerId = useId();
  const textId = useId();
  const reasonId = useId();
  const promptErrorId = useId();
  const saveAsButton = useRef<HTMLButtonElement>(null);

  // The prompt changed elsewhere (a preset chosen, another save): follow it unless an edit is under way.
  if (saved !== base) {
    setBase(saved);
    if (draft === base) setDraft(saved);
  }

  const dirty = draft !== saved;
  const blocked = streaming || busy;

  const apply = async (prompt: string, presetId: string | undefined, done: string) => {
    setBusy(true);
    setError(undefined);
    const changed = await controller.setSystemPrompt(prompt, presetId);
    setBusy(false);
    if (!changed.ok) {
      setError(`${changed.error.message} ${changed.error.fix}`);
      return false;
    }
    setDraft(prompt);
    setStatus(done);
    return true;
  };

  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(''), 4000);
    return () => clearTimeout(timer);
  }, [status]);

  return (
    <div id={id} className="system-prompt-panel">
      <div className="system-prompt-row">
        <label htmlFor={pickerId}>Preset</label>
        <PresetPicker
          id={pickerId}
          presets={presets}
          current={dirty ? undefined : preset}
          disabled={blocked}
          describedBy={streaming ? reasonId : undefined}
          onChoose={(chosen) =>
            void apply(
              chosen.prompt,
              chosen.id,
              chosen.prompt
                ? `System prompt set to ${chosen.name}.`
                : 'System prompt removed (Plain assistant).',
            )
          }
        />
      </div>
      <label htmlFor={textId} className="system-prompt-label">
        System prompt
      </label>
      <textarea
        id={textId}
        className="system-prompt-text"
        rows={3}
        value={draft}
        placeholder="No system prompt: the model's own default behaviour."
        aria-invalid={promptError ? true : undefined}
        aria-describedby={
          [promptError ? promptErrorId : '', streaming ? reasonId : ''].join(' ').trim() || undefined
        }
        onChange={(event) => setDraft(event.target.value)}
      />
      <FieldError id={promptErrorId} message={promptError} />
      <p className="system-prompt-note">
        Sent first with every request of this conversation, and kept when older turns are left out to fit the
        model&apos;s context.
      </p>
      {streaming && (
        <p id={reasonId} className="system-prompt-reason">
          {STREAMING_REASON}
        </p>
      )}
      <div className="system-prompt-buttons">
        <button
          type="button"
          className="button button-primary"
          disabled={!dirty || blocked}
          aria-describedby={streaming ? reasonId : undefined}
          onClick={() =>
            void apply(draft, undefined, draft.trim() ? 'System prompt saved.' : 'System prompt removed.')
          }
        >
          Save
        </button>
        {dirty && (
          <button type="button" className="button" onClick={() => setDraft(saved)}>
            Revert
          </button>
        )}
        <button
          ref={saveAsButton}
          type="button"
          className="button button-quiet"
          aria-expanded={panel === 'save'}
          onClick={() => setPanel(panel === 'save' ? 'none' : 'save')}
        >
          Save as preset…
        </button>
        <button
          type="button"
          className="button button-quiet"
          aria-expanded={panel === 'manage'}
          onClick={() => setPanel(panel === 'manage' ? 'none' : 'manage')}
        >
          Manage presets
        </button>
      </div>
      {error && (
        <p className="system-prompt-error" role="alert">
          {error}
        </p>
      )}
      {panel === 'save' && (
        <SavePresetForm
          prompt={draft}
          promptFieldId={textId}
          onPromptError={setPromptError}
          onSaved={(created) => {
            setPanel('none');
            saveAsButton.current?.focus();
            // The text just saved becomes this conversation's prompt, and the picker shows the new
            // preset (not "Custom" beside the old prompt). While a reply streams it is only saved.
            if (blocked) setStatus(`Saved preset “${created.name}”.`);
            else
              void apply(
                created.prompt,
                created.id,
                `Saved preset “${created.name}” and set it for this chat.`,
              );
          }}
          onCancel={() => {
            setPanel('none');
            setPromptError(undefined);
            saveAsButton.current?.focus();
          }}
        />
      )}
      {panel === 'manage' && <ManagePresets presets={presets} />}
      <p className="system-prompt-status" role="status">
        {status}
      </p>
    </div>
  );
}
