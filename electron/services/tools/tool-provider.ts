import type { ToolSource } from '../../../shared/domain/message-parts';
import type { ToolSourceView } from '../../../shared/domain/tools';

/**
 * The one interface every tool source implements for the tool loop: the built-in task list and
 * each MCP server. The loop offers a conversation the tools of the sources it turned on, checks a
 * call's arguments against `inputSchema`, asks the user where `sideEffects` and not always allowed,
 * runs `call`, and sends the outcome back to the model.
 */
export interface ToolDefinition {
  /** The name the model calls (unique within its source; the loop resolves clashes between sources). */
  name: string;
  title?: string;
  description: string;
  /** A JSON Schema of an object (MCP's `inputSchema`, the task tools' own). */
  inputSchema: Record<string, unknown>;
  /** Changes something outside the reply: asks first unless always allowed. */
  sideEffects: boolean;
}

export interface ToolRunContext {
  conversationId: string;
  /** Stop pressed, or the call's timeout: end the call and return soon. */
  signal: AbortSignal;
  /** The limit for this call (the provider may pass it on, e.g. as an MCP request timeout). */
  timeoutMs: number;
}

/** What a call gave back. Thrown errors are caught by the loop and become an error outcome too. */
export interface ToolOutcome {
  /** Sent to the model as the `tool` message and shown to the user (untrusted text). */
  content: string;
  isError: boolean;
  /** The compact card's line, e.g. "Created task · Q4 Budget Review · High · due Fri". */
  summary?: string;
}

export interface ToolProvider {
  readonly source: ToolSource;
  /** Its state and tools as Settings and the conversation's tools menu show them. */
  view(): ToolSourceView;
  /** The tools to offer now: enabled ones only, none while the source is not ready. */
  tools(): ToolDefinition[];
  /** Runs one call whose arguments passed the schema. */
  call(name: string, args: Record<string, unknown>, context: ToolRunContext): Promise<ToolOutcome>;
  /** Runs without asking (built in, or the user chose "Always allow this tool"). */
  alwaysAllowed(name: string): boolean;
  /** The user chose "Always allow this tool". */
  allowAlways(name: string): Promise<void> | void;
}

/** The sources the app has, in the order the window lists them (the task list first). */
export interface ToolProviders {
  list(): ToolProvider[];
  get(sourceId: string): ToolProvider | undefined;
  /** Called when a source's state, tools or switches change. */
  onChanged(listener: () => void): () => void;
}
