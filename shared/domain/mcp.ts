import { z } from 'zod';
import { SHORT_NAME_MAX, URL_MAX, tooLong } from '../contract/limits';
import type { ToolView } from './tools';

/**
 * MCP servers the user added: stdio commands spawned with their login-shell environment, or
 * Streamable HTTP (legacy SSE) URLs. Environment values and header values may be keys: they are
 * kept like API keys and never reach the window, which sees only their names.
 */

export const MCP_ARG_MAX = 4_096;
export const MCP_ARGS_MAX = 100;
export const MCP_ENV_MAX = 100;
export const MCP_IMPORT_MAX_CHARS = 1_000_000;
export const MCP_SECRET_VALUE_MAX = 32_768;

const name = z
  .string()
  .trim()
  .min(1, 'Give the server a name.')
  .max(SHORT_NAME_MAX, tooLong('The server name', SHORT_NAME_MAX));
const variableName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'A variable or header name uses letters, digits, _ . and -.')
  .max(200);
/** A value to set, or `null` to keep the one saved (editing a server never shows its secrets). */
const secretValues = z
  .record(variableName, z.string().max(MCP_SECRET_VALUE_MAX).nullable())
  .refine((values) => Object.keys(values).length <= MCP_ENV_MAX, `At most ${MCP_ENV_MAX} entries.`);

export const mcpStdioInputSchema = z
  .object({
    kind: z.literal('stdio'),
    command: z.string().trim().min(1, 'Give the command that starts the server, e.g. npx.').max(MCP_ARG_MAX),
    args: z.array(z.string().max(MCP_ARG_MAX)).max(MCP_ARGS_MAX),
    env: secretValues.optional(),
    cwd: z.string().max(MCP_ARG_MAX).optional(),
  })
  .strict();
export const mcpHttpInputSchema = z
  .object({
    /** `http`: Streamable HTTP (falls back to legacy SSE when the server only speaks that); `sse`: legacy SSE only. */
    kind: z.enum(['http', 'sse']),
    url: z
      .string()
      .trim()
      .max(URL_MAX, tooLong('The URL', URL_MAX))
      .refine((url) => /^https?:\/\//i.test(url), 'The URL starts with http:// or https://.'),
    headers: secretValues.optional(),
  })
  .strict();
export const mcpTransportInputSchema = z.discriminatedUnion('kind', [
  mcpStdioInputSchema,
  mcpHttpInputSchema,
]);
export type McpTransportInput = z.infer<typeof mcpTransportInputSchema>;

/** `mcp.save`: a new server, or the saved server `id` replaced. */
export const mcpServerInputSchema = z
  .object({
    id: z.string().min(1).max(200).optional(),
    name,
    enabled: z.boolean(),
    transport: mcpTransportInputSchema,
    /** Per call; absent: the app-wide tool timeout. */
    timeoutSeconds: z.number().int().min(1).max(3_600).optional(),
  })
  .strict();
export type McpServerInput = z.infer<typeof mcpServerInputSchema>;

export const mcpStates = ['stopped', 'starting', 'ready', 'failed', 'restarting'] as const;
export type McpState = (typeof mcpStates)[number];

/** A saved server as the window sees it: secrets by name only, its live status and its tools. */
export interface McpServerView {
  id: string;
  name: string;
  enabled: boolean;
  transport:
    | { kind: 'stdio'; command: string; args: string[]; envNames: string[]; cwd?: string }
    | { kind: 'http' | 'sse'; url: string; headerNames: string[] };
  timeoutSeconds?: number;
  status: {
    state: McpState;
    /** Why it failed or restarts, with the fix when known (e.g. "npx was not found on PATH …"). */
    message?: string;
    /** The last lines the server wrote to stderr (stdio). */
    stderrTail: string[];
    /** Restarts after crashes since the user last started it. */
    restarts: number;
    /** Epoch ms of the next automatic restart (backoff). */
    nextRestartAt?: number;
    /** The server's own name and version, once connected. */
    serverInfo?: string;
  };
  tools: ToolView[];
}

/** What `mcp.import` did with a pasted `{"mcpServers": {…}}` document. */
export interface McpImportReport {
  added: string[];
  /** Entries left out, each with the reason (a name taken, no command or url, …). */
  skipped: { name: string; reason: string }[];
}
