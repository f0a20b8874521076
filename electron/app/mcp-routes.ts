import type { McpManager } from '../services/mcp/mcp-manager';
import type { RoutesOf } from './routes-of';

/** MCP servers: saved config, live status and tools, import of a pasted `mcpServers` document. */
export function mcpRoutes({ mcp }: { mcp: McpManager }): RoutesOf<'mcp'> {
  return {
    'mcp.list': () => mcp.list(),
    'mcp.save': (input) => mcp.save(input),
    'mcp.delete': ({ id }) => mcp.delete(id),
    'mcp.import': ({ json }) => mcp.import(json),
    'mcp.restart': ({ id }) => mcp.restart(id),
    'mcp.setTool': ({ serverId, tool, enabled, alwaysAllowed }) =>
      mcp.setTool(serverId, tool, {
        ...(enabled !== undefined ? { enabled } : {}),
        ...(alwaysAllowed !== undefined ? { alwaysAllowed } : {}),
      }),
  };
}
