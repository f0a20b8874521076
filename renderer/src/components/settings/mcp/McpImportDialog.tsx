import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { UserError } from '../../../../../shared/domain/errors';
import type { McpImportReport } from '../../../../../shared/domain/mcp';
import { useModalDialog } from '../../../hooks/use-modal-dialog';
import { useController } from '../../../state/controller-context';
import { ErrorDetails } from '../../notices/ErrorDetails';
import { ModalDialog } from '../../dialog/ModalDialog';

const EXAMPLE = `{
  "mcpServers": {
    "filesystem": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-filesystem", "/path/to/folder"]
    }
  }
}`;

/**
 * "Paste configuration…": the `mcpServers` JSON of Claude Desktop, Cursor and others. Shows what
 * was added and what was left out (with why); a document that is not valid adds nothing.
 */
export function McpImportDialog({ onClose }: { onClose: (report?: McpImportReport) => void }) {
  const mcp = useController().mcp;
  const { dialog, initialFocus } = useModalDialog<HTMLTextAreaElement>();
  const [json, setJson] = useState('');
  const [error, setError] = useState<UserError>();
  const [report, setReport] = useState<McpImportReport>();
  const [busy, setBusy] = useState(false);
  const ids = { title: useId(), text: useId(), area: useId() };
  const done = useRef<HTMLButtonElement>(null);
  // Import goes away with the report: focus moves to Done instead of being lost.
  useEffect(() => {
    if (report) done.current?.focus();
  }, [report]);

  const onDialogCancel = () => {
    if (!busy) onClose(report);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (report) return onClose(report);
    setBusy(true);
    setError(undefined);
    const imported = await mcp.importJson(json);
    setBusy(false);
    if (imported.ok) setReport(imported.value);
    else setError(imported.error);
  };

  return (
    <ModalDialog
      dialogRef={dialog}
      className="mcp-import-dialog"
      titleId={ids.title}
      descriptionId={ids.text}
      onCancel={onDialogCancel}
    >
      <form noValidate onSubmit={(event) => void onSubmit(event)}>
        <h2 id={ids.title} className="dialog-title">
          Paste an MCP configuration
        </h2>
        <p id={ids.text} className="dialog-text">
          The <code>mcpServers</code> JSON that Claude Desktop, Cursor and other apps use. Servers whose name
          is already in the list are left out.
        </p>
        <label htmlFor={ids.area} className="field-label">
          Configuration (JSON)
        </label>
        <textarea
          id={ids.area}
          ref={initialFocus}
          className="input mcp-import-text"
          rows={10}
          spellCheck={false}
          placeholder={EXAMPLE}
          value={json}
          readOnly={report !== undefined}
          onChange={(event) => setJson(event.target.value)}
        />
        <div role="status" className="mcp-import-report">
          {report && (
            <>
              <p>
                {report.added.length === 0
                  ? 'No server was added.'
                  : `Added ${report.added.length}: ${report.added.join(', ')}.`}
              </p>
              {report.skipped.length > 0 && (
                <ul aria-label="Left out">
                  {report.skipped.map((s) => (
                    <li key={s.name}>
                      Left out “{s.name}”: {s.reason}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
        {error && (
          <div className="inline-error" role="alert">
            <ErrorDetails error={error} context="Nothing was imported." />
          </div>
        )}
        <div className="dialog-actions">
          {report ? (
            <button ref={done} type="submit" className="button button-primary">
              Done
            </button>
          ) : (
            <>
              <button type="button" className="button" onClick={() => onClose()}>
                Cancel
              </button>
              <button
                type="submit"
                className="button button-primary"
                aria-disabled={busy || json.trim() === '' || undefined}
              >
                Import
              </button>
            </>
          )}
        </div>
      </form>
    </ModalDialog>
  );
}
