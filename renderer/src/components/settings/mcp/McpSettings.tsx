import { useEffect, useState, useSyncExternalStore } from 'react';
import type { UserError } from '../../../../../shared/domain/errors';
import type { McpServerView } from '../../../../../shared/domain/mcp';
import { useController } from '../../../state/controller-context';
import { emptyForm, formFromServer, type McpForm } from '../../../state/mcp/mcp-form';
import '../../../styles/settings-desktop.css';
import '../../../styles/mcp.css';
import { ErrorDetails } from '../../notices/ErrorDetails';
import { McpImportDialog } from './McpImportDialog';
import { McpServerCard } from './McpServerCard';
import { McpServerForm } from './McpServerForm';
import { RemoveMcpServerDialog } from './RemoveMcpServerDialog';

/**
 * Settings → MCP servers: each server with its live status and tools, add / edit / remove,
 * "Paste configuration…", Restart. Status comes live from `mcp.changed`.
 */
export function McpSettings() {
  const mcp = useController().mcp;
  useEffect(() => mcp.start(), [mcp]);
  const servers = useSyncExternalStore(mcp.store.subscribe, () => mcp.store.getState().servers);
  const loadError = useSyncExternalStore(mcp.store.subscribe, () => mcp.store.getState().loadError);
  const [editing, setEditing] = useState<{ form: McpForm; key: number }>();
  const [removing, setRemoving] = useState<McpServerView>();
  const [importing, setImporting] = useState(false);
  const [done, setDone] = useState<string>();
  const [actionError, setActionError] = useState<{ error: UserError; context: string }>();

  const edit = (form: McpForm) => {
    setDone(undefined);
    setEditing((current) => ({ form, key: (current?.key ?? 0) + 1 }));
  };

  // Focus goes to "Add server" in an effect: it runs after a closing dialog's own clean-up, which
  // would otherwise hand focus back to its opener (a Remove… button that is going away).
  const [addFocusRequests, setAddFocusRequests] = useState(0);
  useEffect(() => {
    if (addFocusRequests) document.getElementById('mcp-add')?.focus();
  }, [addFocusRequests]);
  const focusAdd = () => setAddFocusRequests((n) => n + 1);

  const act = async (run: Promise<{ ok: boolean; error?: UserError }>, context: string) => {
    const result = await run;
    setActionError(result.ok || !result.error ? undefined : { error: result.error, context });
  };

  return (
    <section className="desktop-settings mcp-settings" aria-labelledby="mcp-title">
      <h2 id="mcp-title" className="editor-title">
        MCP servers
      </h2>
      <p className="pane-note">
        MCP servers give the assistant tools: a command this computer runs (started with your login
        shell&apos;s environment, so <code>npx</code>, <code>uvx</code> and <code>docker</code> work as in
        your terminal), or a URL. Turn a server&apos;s tools on per conversation. Tools that change something
        ask before they run unless you chose Always allow.
      </p>
      <div className="mcp-actions">
        <button
          id="mcp-add"
          type="button"
          className="button button-primary"
          onClick={() => edit(emptyForm())}
        >
          Add server
        </button>
        <button type="button" className="button" onClick={() => setImporting(true)}>
          Paste configuration…
        </button>
      </div>
      <div role="status">{done && <p className="flash">{done}</p>}</div>
      {actionError && (
        <div className="inline-error" role="alert">
          <ErrorDetails error={actionError.error} context={actionError.context} />
        </div>
      )}
      {editing && (
        <McpServerForm
          key={editing.key}
          initial={editing.form}
          onSaved={(server) => {
            setEditing(undefined);
            setDone(`Saved “${server.name}”.`);
            focusAdd();
          }}
          onCancel={() => {
            setEditing(undefined);
            focusAdd();
          }}
        />
      )}
      {loadError ? (
        <div className="inline-error" role="alert">
          <ErrorDetails error={loadError} context="The MCP servers could not be listed." />
          <button type="button" className="button" onClick={() => void mcp.load()}>
            Try again
          </button>
        </div>
      ) : !servers ? (
        <p className="pane-note">Loading…</p>
      ) : servers.length === 0 ? (
        <p className="pane-note">No MCP server yet. Add one, or paste the configuration of another app.</p>
      ) : (
        <ul className="mcp-list" aria-label="MCP servers">
          {servers.map((server) => (
            <li key={server.id}>
              <McpServerCard
                server={server}
                onEdit={() => edit(formFromServer(server))}
                onRemove={() => setRemoving(server)}
                onRestart={() => void act(mcp.restart(server.id), `“${server.name}” was not restarted.`)}
                onTool={(tool, change) =>
                  void act(mcp.setTool(server.id, tool, change), `“${tool}” was not changed.`)
                }
              />
            </li>
          ))}
        </ul>
      )}
      {removing && (
        <RemoveMcpServerDialog
          server={removing}
          onRemoved={() => {
            setDone(`Removed “${removing.name}”.`);
            if (editing?.form.id === removing.id) setEditing(undefined);
            setRemoving(undefined);
            focusAdd();
          }}
          onCancel={() => setRemoving(undefined)}
        />
      )}
      {importing && (
        <McpImportDialog
          onClose={(report) => {
            setImporting(false);
            if (report && report.added.length > 0) setDone(`Added ${report.added.join(', ')}.`);
          }}
        />
      )}
    </section>
  );
}
