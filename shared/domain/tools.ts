import { z } from 'zod';

/**
 * Tools as the window sees them: what can be enabled per conversation, per tool and app-wide.
 * The tool loop itself (main) and the tool-call/tool-result parts are in message-parts.ts.
 */

/** The id of the built-in task list among tool sources (a conversation's `tools` lists source ids). */
export const TASKS_TOOL_SOURCE = 'tasks';

/** One tool a source offers. */
export interface ToolView {
  /** The name the model calls it by. */
  name: string;
  title?: string;
  description?: string;
  /** Switched off in Settings: never offered to a model. */
  enabled: boolean;
  /** Changes something: asks first (built-in task tools excepted, being local and undoable). */
  sideEffects: boolean;
  /** Runs without asking (the user chose "Always allow", or it is built in). */
  alwaysAllowed: boolean;
}

/** A group of tools a conversation can turn on: the built-in task list, or one MCP server. */
export interface ToolSourceView {
  id: string;
  kind: 'builtin' | 'mcp';
  name: string;
  /** MCP: whether its tools can be used now (`ready`); the built-in list is always ready. */
  state: 'ready' | 'starting' | 'failed' | 'stopped';
  tools: ToolView[];
}

export const TOOL_ROUNDS_DEFAULT = 8;
export const TOOL_ROUNDS_MAX = 50;
export const TOOL_TIMEOUT_DEFAULT_SECONDS = 60;

/** App-wide tool settings. */
export const toolSettingsSchema = z
  .object({
    /** Model → tools → model round trips in one reply before the loop stops and says so. */
    maxRounds: z
      .number()
      .int('Rounds must be a whole number.')
      .min(1, 'At least 1 round.')
      .max(TOOL_ROUNDS_MAX, `At most ${TOOL_ROUNDS_MAX} rounds.`),
    /** One tool call's limit before it fails with a timeout (MCP servers may override). */
    callTimeoutSeconds: z
      .number()
      .int('The timeout must be a whole number of seconds.')
      .min(1, 'At least 1 second.')
      .max(3_600, 'At most an hour.'),
  })
  .strict();
export type ToolSettings = z.infer<typeof toolSettingsSchema>;

/** The user's answer to an approval prompt. */
export const toolDecisions = ['once', 'always', 'deny'] as const;
export type ToolDecision = (typeof toolDecisions)[number];
