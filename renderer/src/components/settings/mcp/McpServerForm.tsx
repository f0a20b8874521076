import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { UserError } from '../../../../../shared/domain/errors';
import type { McpServerView } from '../../../../../shared/domain/mcp';
import { useController } from '../../../state/controller-context';
import { inputFromForm, type McpForm } from '../../../state/mcp/mcp-form';
import { ErrorDetails } from '../../notices/ErrorDetails';
import { LabelledField } from '../Field';
import { McpSecretRows } from './McpSecretRows';

interface Props {
  initial: McpForm;
  onSaved: (server: McpServerView) => void;
  onCancel: () => void;
}

const kinds = [
  { value: 'stdio', label: 'Command (stdio)' },
  { value: 'http', label: 'Streamable HTTP' },
  { value: 'sse', label: 'SSE (legacy)' },
] as const;

/** A field's error from the route's answer (`transport.url` → the URL field). */
const fieldError = (error: UserError | undefined, ...paths: string[]) =>
  paths.map((p) => error?.fields?.[p]).find((message) => message !== undefined);

/**
 * Adds or edits one server: a command with its arguments (one per line) and environment, or an
 * HTTP/SSE URL with headers. Saved secrets are never shown; leaving one empty keeps it.
 */
export function McpServerForm({ initial, onSaved, onCancel }: Props) {
  const mcp = useController().mcp;
  const [form, setForm] = useState(initial);
  const [error, setError] = useState<UserError>();
  const [busy, setBusy] = useState(false);
  const id = useId();
  const title = useRef<HTMLHeadingElement>(null);
  const update = (patch: Partial<McpForm>) => setForm((f) => ({ ...f, ...patch }));

  useEffect(() => title.current?.focus(), []);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    const saved = await mcp.save(inputFromForm(form));
    setBusy(false);
    if (saved.ok) onSaved(saved.value);
    else setError(saved.error);
  };

  return (
    <form className="mcp-form" noValidate aria-labelledby={`${id}-title`} onSubmit={(e) => void onSubmit(e)}>
      <h3 id={`${id}-title`} ref={title} tabIndex={-1} className="mcp-form-title">
        {form.id ? `Edit ${initial.name}` : 'Add an MCP server'}
      </h3>
      <LabelledField id={`${id}-name`} label="Name" error={fieldError(error, 'name')}>
        {(control) => (
          <input
            {...control}
            className="input"
            autoComplete="off"
            value={form.name}
            onChange={(e) => update({ name: e.target.value })}
          />
        )}
      </LabelledField>
      <fieldset className="mcp-kind">
        <legend className="field-label">Connection</legend>
        {kinds.map((kind) => (
          <label key={kind.value} className="mcp-kind-option">
            <input
              type="radio"
              name={`${id}-kind`}
              value={kind.value}
              checked={form.kind === kind.value}
              onChange={() => update({ kind: kind.value })}
            />
            {kind.label}
          </label>
        ))}
      </fieldset>
      {form.kind === 'stdio' ? (
        <>
          <LabelledField
            id={`${id}-command`}
            label="Command"
            error={fieldError(error, 'transport.command')}
            hint="For example npx, uvx or docker, or a full path. It runs with your login shell's PATH."
          >
            {(control) => (
              <input
                {...control}
                className="input"
                autoComplete="off"
                spellCheck={false}
                value={form.command}
                onChange={(e) => update({ command: e.target.value })}
              />
            )}
          </LabelledField>
          <LabelledField
            id={`${id}-args`}
            label="Arguments"
            error={fieldError(error, 'transport.args')}
            hint="One per line."
          >
            {(control) => (
              <textarea
                {...control}
                className="input mcp-args"
                rows={3}
                spellCheck={false}
                value={form.args}
                onChange={(e) => update({ args: e.target.value })}
              />
            )}
          </LabelledField>
          <LabelledField
            id={`${id}-cwd`}
            label="Working folder (optional)"
            error={fieldError(error, 'transport.cwd')}
          >
            {(control) => (
              <input
                {...control}
                className="input"
                autoComplete="off"
                spellCheck={false}
                value={form.cwd}
                onChange={(e) => update({ cwd: e.target.value })}
              />
            )}
          </LabelledField>
          <McpSecretRows
            legend="Environment variables"
            noun="variable"
            rows={form.env}
            onChange={(env) => update({ env })}
          />
        </>
      ) : (
        <>
          <LabelledField
            id={`${id}-url`}
            label="URL"
            error={fieldError(error, 'transport.url')}
            hint={
              form.kind === 'http'
                ? 'Often ends in /mcp. Falls back to SSE when the server only speaks that.'
                : 'Often ends in /sse.'
            }
          >
            {(control) => (
              <input
                {...control}
                className="input"
                type="url"
                autoComplete="off"
                spellCheck={false}
                value={form.url}
                onChange={(e) => update({ url: e.target.value })}
              />
            )}
          </LabelledField>
          <McpSecretRows
            legend="Headers"
            noun="header"
            rows={form.headers}
            onChange={(headers) => update({ headers })}
          />
        </>
      )}
      <LabelledField
        id={`${id}-timeout`}
        label="Timeout per call, in seconds (optional)"
        error={fieldError(error, 'timeoutSeconds')}
        hint="Blank: the app-wide tool timeout."
        className="field-narrow"
      >
        {(control) => (
          <input
            {...control}
            className="input"
            inputMode="numeric"
            value={form.timeout}
            onChange={(e) => update({ timeout: e.target.value })}
          />
        )}
      </LabelledField>
      <label className="mcp-enabled">
        <input
          type="checkbox"
          role="switch"
          className="switch"
          checked={form.enabled}
          onChange={(e) => update({ enabled: e.target.checked })}
        />
        Start this server (its tools can be used)
      </label>
      {error && (
        <div className="inline-error" role="alert">
          <ErrorDetails error={error} context="The server was not saved." />
        </div>
      )}
      <div className="mcp-form-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
          {form.id ? 'Save' : 'Add server'}
        </button>
      </div>
    </form>
  );
}
