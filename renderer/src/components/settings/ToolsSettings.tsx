import { useState, type FormEvent } from 'react';
import type { UserError } from '../../../../shared/domain/errors';
import type { ToolSettings } from '../../../../shared/domain/tools';
import {
  settingsFieldErrors,
  settingsFromForm,
  type ToolSettingsForm,
} from '../../state/tools/tool-settings-form';
import { useTools } from '../../state/tools/use-tools';
import { useController } from '../../state/controller-context';
import { ErrorDetails } from '../notices/ErrorDetails';
import { LabelledField } from './Field';

const formOf = (settings: ToolSettings): ToolSettingsForm => ({
  maxRounds: String(settings.maxRounds),
  callTimeoutSeconds: String(settings.callTimeoutSeconds),
});

/**
 * App-wide tool settings: how many model → tools → model rounds one reply may take, and how long one
 * call may run. Says which tools ask first. (The MCP servers have their own section.)
 */
export function ToolsSettings() {
  const { tools } = useController();
  const settings = useTools((s) => s.settings);
  const loadError = useTools((s) => s.error);
  const title = (
    <h2 id="tools-settings-title" className="editor-title">
      Tools
    </h2>
  );
  return (
    <section className="desktop-settings tools-settings" aria-labelledby="tools-settings-title">
      {title}
      <p className="callout callout-info" role="note">
        Built-in task tools run without asking, because they are local and undoable (a deleted task has Undo
        in the Tasks panel). MCP tools that can change something ask first: you see the tool, its server and
        its arguments, and choose Allow once, Always allow this tool, or Deny.
      </p>
      {settings ? (
        // Starts over when another window changes the saved values.
        <ToolSettingsFields key={`${settings.maxRounds}/${settings.callTimeoutSeconds}`} saved={settings} />
      ) : loadError ? (
        <div className="inline-error" role="alert">
          <p>{loadError}</p>
          <button type="button" className="button" onClick={() => void tools.load(true)}>
            Try again
          </button>
        </div>
      ) : (
        <p className="pane-note">Loading…</p>
      )}
    </section>
  );
}

function ToolSettingsFields({ saved }: { saved: ToolSettings }) {
  const { tools } = useController();
  const [form, setForm] = useState<ToolSettingsForm>(() => formOf(saved));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<UserError>();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const change = (patch: Partial<ToolSettingsForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setStatus('');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local = settingsFieldErrors(form);
    setErrors(local);
    setFailure(undefined);
    if (Object.keys(local).length > 0) {
      document.getElementById(`tools-${Object.keys(local)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    const updated = await tools.updateSettings(settingsFromForm(form));
    setBusy(false);
    if (updated.ok) return setStatus('Saved.');
    if (updated.error.fields) setErrors(updated.error.fields);
    else setFailure(updated.error);
  };

  const dirty =
    form.maxRounds !== String(saved.maxRounds) ||
    form.callTimeoutSeconds !== String(saved.callTimeoutSeconds);

  return (
    <form className="params" onSubmit={(event) => void submit(event)} noValidate>
      <div className="field-row">
        <LabelledField
          id="tools-maxRounds"
          label="Rounds per reply"
          error={errors['maxRounds']}
          hint="Model → tools → model round trips in one reply before it stops and says so (1–50)."
          className="field-narrow"
        >
          {(control) => (
            <input
              {...control}
              className="input"
              inputMode="numeric"
              value={form.maxRounds}
              onChange={(event) => change({ maxRounds: event.target.value })}
            />
          )}
        </LabelledField>
        <LabelledField
          id="tools-callTimeoutSeconds"
          label="Time per call (seconds)"
          error={errors['callTimeoutSeconds']}
          hint="A call still running after this fails with a timeout the model is told (1–3600)."
          className="field-narrow"
        >
          {(control) => (
            <input
              {...control}
              className="input"
              inputMode="numeric"
              value={form.callTimeoutSeconds}
              onChange={(event) => change({ callTimeoutSeconds: event.target.value })}
            />
          )}
        </LabelledField>
      </div>
      <div className="editor-actions">
        <button type="submit" className="button button-primary" disabled={busy || !dirty}>
          Save
        </button>
        <span role="status" className="field-hint">
          {status}
        </span>
      </div>
      {failure && (
        <div className="inline-error" role="alert">
          <ErrorDetails error={failure} context="The tool settings were not saved." />
        </div>
      )}
    </form>
  );
}
