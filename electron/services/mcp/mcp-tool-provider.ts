import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ToolSource } from '../../../shared/domain/message-parts';
import type { McpState } from '../../../shared/domain/mcp';
import type { ToolSourceView, ToolView } from '../../../shared/domain/tools';
import type { ToolDefinition, ToolOutcome, ToolProvider, ToolRunContext } from '../tools/tool-provider';
import type { StoredServer } from './mcp-config-schema';
import type { McpServerRunner } from './mcp-server-runner';

/** Read-only tools (the server's own `readOnlyHint`) run without asking; anything else asks first. */
export function toolHasSideEffects(tool: Pick<Tool, 'annotations'>): boolean {
  return tool.annotations?.readOnlyHint !== true;
}

export function toolViews(server: StoredServer, tools: Tool[]): ToolView[] {
  return tools.map((tool) => {
    const prefs = server.tools[tool.name] ?? {};
    const title = tool.title ?? tool.annotations?.title;
    return {
      name: tool.name,
      ...(title ? { title } : {}),
      ...(tool.description ? { description: tool.description } : {}),
      enabled: prefs.enabled ?? true,
      sideEffects: toolHasSideEffects(tool),
      alwaysAllowed: prefs.alwaysAllowed ?? false,
    };
  });
}

const sourceState = (state: McpState): ToolSourceView['state'] =>
  state === 'restarting' ? 'starting' : state;

/**
 * One MCP server as the tool loop sees it. It offers tools only while the server is enabled and
 * ready, and only the ones switched on; "Always allow" is saved with the server's config.
 */
export class McpToolProvider implements ToolProvider {
  constructor(
    private readonly runner: McpServerRunner,
    private readonly hooks: {
      allowAlways: (serverId: string, tool: string) => Promise<void> | void;
    },
  ) {}

  get source(): ToolSource {
    return { kind: 'mcp', id: this.runner.config.id, name: this.runner.config.name };
  }

  view(): ToolSourceView {
    const { config } = this.runner;
    return {
      id: config.id,
      kind: 'mcp',
      name: config.name,
      state: sourceState(this.runner.state),
      tools: toolViews(config, this.runner.tools()),
    };
  }

  tools(): ToolDefinition[] {
    const { config } = this.runner;
    if (!config.enabled || this.runner.state !== 'ready') return [];
    return this.runner
      .tools()
      .filter((tool) => config.tools[tool.name]?.enabled !== false)
      .map((tool) => {
        const title = tool.title ?? tool.annotations?.title;
        return {
          name: tool.name,
          ...(title ? { title } : {}),
          description: tool.description ?? '',
          inputSchema: tool.inputSchema as Record<string, unknown>,
          sideEffects: toolHasSideEffects(tool),
        };
      });
  }

  call(name: string, args: Record<string, unknown>, context: ToolRunContext): Promise<ToolOutcome> {
    const { timeoutSeconds } = this.runner.config;
    const timeoutMs = timeoutSeconds !== undefined ? timeoutSeconds * 1000 : context.timeoutMs;
    return this.runner.call(name, args, { signal: context.signal, timeoutMs });
  }

  alwaysAllowed(name: string): boolean {
    return this.runner.config.tools[name]?.alwaysAllowed === true;
  }

  allowAlways(name: string): Promise<void> | void {
    return this.hooks.allowAlways(this.runner.config.id, name);
  }
}
