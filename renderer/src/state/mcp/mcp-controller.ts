import type { AssistantApi } from '../../../../shared/contract/api';
import type { Result } from '../../../../shared/contract/result';
import type { UserError } from '../../../../shared/domain/errors';
import type { McpImportReport, McpServerInput, McpServerView } from '../../../../shared/domain/mcp';
import { createStore, type Store } from '../core/create-store';

export interface McpState {
  /** Undefined until `mcp.list` answers. */
  servers: McpServerView[] | undefined;
  loadError: UserError | undefined;
}

/**
 * The MCP servers of Settings: listed once, then kept live by `mcp.changed` (status, restarts,
 * tools), in every window. Every action answers a Result for the form or dialog that asked.
 */
export class McpController {
  readonly store: Store<McpState> = createStore<McpState>({ servers: undefined, loadError: undefined });

  constructor(private readonly api: AssistantApi) {}

  /** Subscribes and loads; returns the unsubscribe. */
  start(): () => void {
    const stop = this.api.on('mcp.changed', ({ servers }) =>
      this.store.setState({ servers, loadError: undefined }),
    );
    void this.load();
    return stop;
  }

  async load(): Promise<void> {
    const listed = await this.api.invoke('mcp.list');
    if (listed.ok) this.store.setState({ servers: listed.value, loadError: undefined });
    else this.store.setState({ loadError: listed.error });
  }

  async save(input: McpServerInput): Promise<Result<McpServerView>> {
    const saved = await this.api.invoke('mcp.save', input);
    if (saved.ok) this.#upsert(saved.value);
    return saved;
  }

  async remove(id: string): Promise<Result<{ id: string }>> {
    const removed = await this.api.invoke('mcp.delete', { id });
    if (removed.ok)
      this.store.setState((s) => ({ servers: s.servers?.filter((server) => server.id !== id) }));
    return removed;
  }

  async importJson(json: string): Promise<Result<McpImportReport>> {
    const imported = await this.api.invoke('mcp.import', { json });
    if (imported.ok) void this.load();
    return imported;
  }

  async restart(id: string): Promise<Result<McpServerView>> {
    const restarted = await this.api.invoke('mcp.restart', { id });
    if (restarted.ok) this.#upsert(restarted.value);
    return restarted;
  }

  async setTool(
    serverId: string,
    tool: string,
    change: { enabled?: boolean; alwaysAllowed?: boolean },
  ): Promise<Result<McpServerView>> {
    const set = await this.api.invoke('mcp.setTool', { serverId, tool, ...change });
    if (set.ok) this.#upsert(set.value);
    return set;
  }

  #upsert(view: McpServerView): void {
    this.store.setState((s) => {
      const servers = s.servers ?? [];
      const at = servers.findIndex((server) => server.id === view.id);
      return {
        servers: at < 0 ? [...servers, view] : servers.map((server, i) => (i === at ? view : server)),
      };
    });
  }
}
