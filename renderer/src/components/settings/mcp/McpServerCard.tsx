import { useId } from 'react';
import type { McpServerView } from '../../../../../shared/domain/mcp';
import { McpStatusBadge } from './McpStatusBadge';
import { McpToolList } from './McpToolList';

interface Props {
  server: McpServerView;
  onEdit: () => void;
  onRemove: () => void;
  onRestart: () => void;
  onTool: (tool: string, change: { enabled?: boolean; alwaysAllowed?: boolean }) => void;
}

function where(server: McpServerView): string {
  const t = server.transport;
  if (t.kind === 'stdio') return [t.command, ...t.args].join(' ');
  return `${t.kind === 'sse' ? 'SSE' : 'HTTP'} ${t.url}`;
}

/** One server: its status (why it failed, its last output), its tools, Restart, Edit and Remove. */
export function McpServerCard({ server, onEdit, onRemove, onRestart, onTool }: Props) {
  const ids = { title: useId(), badge: useId() };
  const { status } = server;
  return (
    <article className="mcp-server" aria-labelledby={ids.title} aria-describedby={ids.badge}>
      <header className="mcp-server-head">
        <h3 id={ids.title} className="mcp-server-name">
          {server.name}
        </h3>
        <McpStatusBadge id={ids.badge} status={status} enabled={server.enabled} />
      </header>
      <p className="mcp-server-where">
        <code>{where(server)}</code>
      </p>
      <div aria-live="polite" className="mcp-server-status">
        {status.message && <p className="mcp-status-message">{status.message}</p>}
        {status.serverInfo && status.state === 'ready' && (
          <p className="field-hint">
            Connected to {status.serverInfo}
            {server.tools.length > 0
              ? ` · ${server.tools.length} tool${server.tools.length === 1 ? '' : 's'}`
              : ' · no tools'}
          </p>
        )}
      </div>
      {status.stderrTail.length > 0 && (
        <details className="mcp-stderr">
          <summary>Server output (last {status.stderrTail.length} lines)</summary>
          <pre>{status.stderrTail.join('\n')}</pre>
        </details>
      )}
      {server.tools.length > 0 && (
        <McpToolList serverName={server.name} tools={server.tools} onChange={onTool} />
      )}
      <div className="mcp-server-actions">
        {server.enabled && (
          <button type="button" className="button" onClick={onRestart} aria-label={`Restart ${server.name}`}>
            Restart
          </button>
        )}
        <button type="button" className="button" onClick={onEdit} aria-label={`Edit ${server.name}`}>
          Edit
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={onRemove}
          aria-label={`Remove ${server.name}…`}
        >
          Remove…
        </button>
      </div>
    </article>
  );
}
