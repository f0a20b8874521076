import type { ToolView } from '../../../../../shared/domain/tools';

interface Props {
  serverName: string;
  tools: ToolView[];
  onChange: (tool: string, change: { enabled?: boolean; alwaysAllowed?: boolean }) => void;
}

/**
 * A server's tools, each with its switch (offered to models or not) and "Always allow" (runs
 * without asking). Read-only tools never ask, so they have no such toggle.
 */
export function McpToolList({ serverName, tools, onChange }: Props) {
  return (
    <ul className="mcp-tools" aria-label={`Tools of ${serverName}`}>
      {tools.map((tool) => (
        <li key={tool.name} className="mcp-tool">
          <input
            type="checkbox"
            role="switch"
            className="switch"
            checked={tool.enabled}
            aria-label={`Use ${tool.name}`}
            onChange={(event) => onChange(tool.name, { enabled: event.target.checked })}
          />
          <div className="mcp-tool-text">
            <span className="mcp-tool-name">{tool.title ? `${tool.title} (${tool.name})` : tool.name}</span>
            {tool.description && <span className="field-hint mcp-tool-description">{tool.description}</span>}
          </div>
          {tool.sideEffects ? (
            <label className="mcp-tool-allow">
              <input
                type="checkbox"
                checked={tool.alwaysAllowed}
                aria-label={`Always allow ${tool.name}`}
                onChange={(event) => onChange(tool.name, { alwaysAllowed: event.target.checked })}
              />
              <span aria-hidden="true">Always allow</span>
            </label>
          ) : (
            <span className="field-hint mcp-tool-allow">Read-only: runs without asking</span>
          )}
        </li>
      ))}
    </ul>
  );
}
