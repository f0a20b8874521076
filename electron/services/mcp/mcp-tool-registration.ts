import { coalesceLatest } from '../events/coalesce-latest';
import type { ToolProvider } from '../tools/tool-provider';
import type { McpManager } from './mcp-manager';

/** The part of the tool registry this needs: add a source (answering its remover), announce a change. */
export interface ToolSourceRegistry {
  register(provider: ToolProvider): () => void;
  changed(): void;
}

/**
 * Keeps the registry's MCP sources equal to the saved servers: one provider per server, added when
 * a server is added, removed with it, and a change announced (coalesced: a chatty server's stderr
 * must not flood `tools.changed`) whenever a status, tool list or switch changes. Answers the
 * function that undoes it all.
 */
export function registerMcpProviders(mcp: McpManager, registry: ToolSourceRegistry): () => void {
  const registered = new Map<string, { provider: ToolProvider; remove: () => void }>();
  const sync = () => {
    const providers = mcp.providers();
    const ids = new Set(providers.map((p) => p.source.id));
    for (const [id, entry] of registered)
      if (!ids.has(id)) {
        entry.remove();
        registered.delete(id);
      }
    for (const provider of providers)
      if (registered.get(provider.source.id)?.provider !== provider)
        registered.set(provider.source.id, { provider, remove: registry.register(provider) });
    registry.changed();
  };
  sync();
  const stop = mcp.onChanged(coalesceLatest(sync));
  return () => {
    stop();
    for (const entry of registered.values()) entry.remove();
    registered.clear();
  };
}
