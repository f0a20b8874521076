import { z } from 'zod';
import type { ConversationSummary } from '../domain/conversation';
import {
  mcpServerInputSchema,
  MCP_IMPORT_MAX_CHARS,
  type McpImportReport,
  type McpServerView,
} from '../domain/mcp';
import { taskInputSchema, taskPatchSchema, taskSchema, type Task } from '../domain/tasks';
import { toolDecisions, toolSettingsSchema, type ToolSettings, type ToolSourceView } from '../domain/tools';
import { answer, id, none } from './route-helpers';
import { tooLong } from './limits';

const toolName = z.string().min(1).max(256, tooLong('The tool name', 256));

/** Tools: the task list, MCP servers, the tool settings and the approval of a call. */
export const toolRoutes = {
  /** Every task, open first (by due date, then priority), then done (most recently completed first). */
  'tasks.list': { input: none, output: answer<Task[]>() },
  'tasks.create': { input: taskInputSchema, output: answer<Task>() },
  'tasks.update': { input: z.object({ id, patch: taskPatchSchema }).strict(), output: answer<Task>() },
  /** Deletes for good; Undo is `tasks.restore` with the answered task. */
  'tasks.delete': { input: z.object({ id }).strict(), output: answer<{ task: Task }>() },
  /** Puts a deleted task back as it was (same id). */
  'tasks.restore': { input: z.object({ task: taskSchema }).strict(), output: answer<Task>() },

  /** Saved MCP servers with their live status and tools. */
  'mcp.list': { input: none, output: answer<McpServerView[]>() },
  /** Adds a server, or replaces the saved one `id` (restarting it); names are unique. */
  'mcp.save': { input: mcpServerInputSchema, output: answer<McpServerView>() },
  /** Stops and removes it (its saved secrets too). */
  'mcp.delete': { input: z.object({ id }).strict(), output: answer<{ id: string }>() },
  /** Adds the servers of a pasted `{"mcpServers": {…}}` document (Claude Desktop's format). */
  'mcp.import': {
    input: z
      .object({
        json: z
          .string()
          .max(
            MCP_IMPORT_MAX_CHARS,
            tooLong('The configuration', MCP_IMPORT_MAX_CHARS, 'Paste one server at a time.'),
          ),
      })
      .strict(),
    output: answer<McpImportReport>(),
  },
  /** Stops and starts it again now (clearing the crash backoff). */
  'mcp.restart': { input: z.object({ id }).strict(), output: answer<McpServerView>() },
  /** A tool's switch, and whether it runs without asking. */
  'mcp.setTool': {
    input: z
      .object({
        serverId: id,
        tool: toolName,
        enabled: z.boolean().optional(),
        alwaysAllowed: z.boolean().optional(),
      })
      .strict(),
    output: answer<McpServerView>(),
  },

  /** What a conversation can turn on: the built-in task list first, then each MCP server. */
  'tools.sources': { input: none, output: answer<ToolSourceView[]>() },
  'tools.settings': { input: none, output: answer<ToolSettings>() },
  'tools.updateSettings': { input: toolSettingsSchema.partial().strict(), output: answer<ToolSettings>() },
  /**
   * The user's answer to a tool call waiting for approval (a `tool-call` part in `awaiting-approval`):
   * run it once, always allow this tool (then run it), or deny (the model is told). `decided: false`
   * when the call no longer waits (already answered, stopped).
   */
  'tools.decide': {
    input: z
      .object({
        conversationId: id,
        replyId: id,
        partId: id,
        decision: z.enum(toolDecisions),
      })
      .strict(),
    output: answer<{ decided: boolean }>(),
  },

  /** Turns tool sources on for one conversation (empty: no tools are sent). */
  'conversations.setTools': {
    input: z.object({ conversationId: id, tools: z.array(id).max(100) }).strict(),
    output: answer<ConversationSummary>(),
  },
} as const;
