import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, McpError, type Tool } from '@modelcontextprotocol/sdk/types.js';
import type { McpServerView, McpState } from '../../../shared/domain/mcp';
import type { ToolOutcome } from '../tools/tool-provider';
import { backoffDelay, type BackoffPolicy } from './mcp-backoff';
import type { StoredServer } from './mcp-config-schema';
import { describeStartFailure, firstLine } from './mcp-failure';
import { resultText } from './mcp-result-text';
import { httpTransport, pushTail, stdioTransport } from './mcp-transport';

export interface RunnerDeps {
  environment: () => Promise<Record<string, string>>;
  /** The server's env or header values in plain text (decrypted per start, never kept). */
  secretValues: (server: StoredServer) => Promise<Record<string, string>>;
  onChanged: () => void;
  backoff: BackoffPolicy;
  connectTimeoutMs: number;
  clientInfo: { name: string; version: string };
  now: () => number;
}

type Status = McpServerView['status'];

/**
 * One MCP server's life: connect (stdio, Streamable HTTP with an SSE fallback, or SSE), list its
 * tools and follow `tools/list_changed`, run calls with a timeout and cancellation, and restart it
 * with backoff when it crashes. Every callback checks the attempt it belongs to (`#attempt`), so a
 * late event of a stopped connection never changes the current one.
 */
export class McpServerRunner {
  #state: McpState = 'stopped';
  #message: string | undefined;
  #stderr: string[] = [];
  #restarts = 0;
  #failures = 0;
  #nextRestartAt: number | undefined;
  #serverInfo: string | undefined;
  #tools: Tool[] = [];
  #client: Client | undefined;
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #readyAt = 0;

  constructor(
    public config: StoredServer,
    private readonly deps: RunnerDeps,
  ) {}

  get state(): McpState {
    return this.#state;
  }

  status(): Status {
    return {
      state: this.#state,
      ...(this.#message ? { message: this.#message } : {}),
      stderrTail: [...this.#stderr],
      restarts: this.#restarts,
      ...(this.#nextRestartAt !== undefined ? { nextRestartAt: this.#nextRestartAt } : {}),
      ...(this.#serverInfo ? { serverInfo: this.#serverInfo } : {}),
    };
  }

  /** The server's tools as it listed them (empty until ready). */
  tools(): Tool[] {
    return this.#state === 'ready' ? this.#tools : [];
  }

  /** Starts it fresh (as the user asked: the crash count starts over). Never throws. */
  async start(): Promise<void> {
    await this.stop();
    this.#restarts = 0;
    this.#failures = 0;
    this.#stderr = [];
    await this.#connect(false);
  }

  /** Stops it and any pending restart; the child process is ended by the SDK's transport close. */
  async stop(message?: string): Promise<void> {
    this.#attempt++;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#nextRestartAt = undefined;
    const client = this.#client;
    this.#client = undefined;
    this.#tools = [];
    this.#set('stopped', message);
    await closeQuietly(client);
  }

  async call(
    name: string,
    args: Record<string, unknown>,
    options: { signal: AbortSignal; timeoutMs: number },
  ): Promise<ToolOutcome> {
    const client = this.#client;
    if (!client || this.#state !== 'ready')
      return {
        isError: true,
        content: `The MCP server "${this.config.name}" is not ready (${this.#state}).`,
      };
    try {
      const result = await client.callTool({ name, arguments: args }, undefined, {
        signal: options.signal,
        timeout: options.timeoutMs,
      });
      return resultText(result);
    } catch (error) {
      if (options.signal.aborted) return { isError: true, content: 'The call was cancelled.' };
      if (error instanceof McpError && error.code === Number(ErrorCode.RequestTimeout))
        return {
          isError: true,
          content: `"${name}" on the MCP server "${this.config.name}" did not answer within ${Math.round(options.timeoutMs / 1000)} s; the call was cancelled.`,
        };
      return {
        isError: true,
        content: `"${name}" failed: ${firstLine(error instanceof Error ? error.message : String(error))}`,
      };
    }
  }

  async #connect(isRestart: boolean): Promise<void> {
    const attempt = ++this.#attempt;
    this.#nextRestartAt = undefined;
    this.#set('starting', isRestart ? `Restarting after a crash (restart ${this.#restarts}).` : undefined);
    const { transport } = this.config;
    let client: Client | undefined;
    try {
      const secrets = await this.deps.secretValues(this.config);
      if (transport.kind === 'stdio') {
        const env = await this.deps.environment();
        if (attempt !== this.#attempt) return;
        client = await this.#open(attempt, () =>
          stdioTransport(transport, env, secrets, (line) => {
            if (attempt !== this.#attempt) return;
            this.#stderr = pushTail(this.#stderr, line);
            this.deps.onChanged();
          }),
        );
      } else if (transport.kind === 'http') {
        try {
          client = await this.#open(attempt, () => httpTransport('http', transport.url, secrets));
        } catch (error) {
          if (attempt !== this.#attempt) return;
          // Servers from before Streamable HTTP speak only the legacy SSE transport.
          client = await this.#open(attempt, () => httpTransport('sse', transport.url, secrets)).catch(() => {
            throw error;
          });
        }
      } else client = await this.#open(attempt, () => httpTransport('sse', transport.url, secrets));
      if (attempt !== this.#attempt) return void closeQuietly(client);
      this.#tools = await listAllTools(client);
      if (attempt !== this.#attempt) return void closeQuietly(client);
      const info = client.getServerVersion();
      this.#client = client;
      this.#serverInfo = info ? `${info.name} ${info.version}`.trim() : undefined;
      this.#readyAt = this.deps.now();
      this.#set('ready');
    } catch (error) {
      if (attempt !== this.#attempt) return;
      await closeQuietly(client);
      const message = describeStartFailure(error, transport);
      if (isRestart) this.#scheduleRestart(message);
      else this.#set('failed', message);
    }
  }

  async #open(attempt: number, make: () => Transport): Promise<Client> {
    const client = new Client(this.deps.clientInfo, {
      capabilities: {},
      listChanged: {
        tools: {
          onChanged: (error, tools) => {
            if (attempt !== this.#attempt || error || !tools) return;
            this.#tools = tools;
            this.deps.onChanged();
          },
        },
      },
    });
    client.onclose = () => {
      if (attempt === this.#attempt && this.#client === client) this.#onCrash();
    };
    try {
      await client.connect(make(), { timeout: this.deps.connectTimeoutMs });
    } catch (error) {
      await closeQuietly(client);
      throw error;
    }
    return client;
  }

  #onCrash(): void {
    this.#client = undefined;
    this.#tools = [];
    // A server that ran fine for a while starts the backoff over.
    if (this.deps.now() - this.#readyAt >= this.deps.backoff.stableMs) this.#failures = 0;
    this.#scheduleRestart('The server stopped unexpectedly.');
  }

  #scheduleRestart(reason: string): void {
    const { backoff } = this.deps;
    if (this.#failures >= backoff.maxRestarts) {
      this.#set(
        'failed',
        `${reason} Gave up after ${this.#failures} restarts in a row; check its output below, then press Restart.`,
      );
      return;
    }
    const delay = backoffDelay(backoff, this.#failures);
    this.#failures++;
    this.#restarts++;
    this.#nextRestartAt = this.deps.now() + delay;
    const attempt = ++this.#attempt;
    this.#set(
      'restarting',
      `${reason} Restarting in ${Math.ceil(delay / 1000)} s (try ${this.#failures} of ${backoff.maxRestarts}).`,
    );
    this.#timer = setTimeout(() => {
      if (attempt === this.#attempt) void this.#connect(true);
    }, delay);
    this.#timer.unref?.();
  }

  #set(state: McpState, message?: string): void {
    this.#state = state;
    this.#message = message;
    if (state !== 'restarting') this.#nextRestartAt = undefined;
    if (state !== 'ready') this.#serverInfo = state === 'stopped' ? undefined : this.#serverInfo;
    this.deps.onChanged();
  }
}

async function listAllTools(client: Client): Promise<Tool[]> {
  if (!client.getServerCapabilities()?.tools) return [];
  const tools: Tool[] = [];
  let cursor: string | undefined;
  // A bounded number of pages: a misbehaving server cannot keep this loop going.
  for (let page = 0; page < 50; page++) {
    const listed = await client.listTools(cursor ? { cursor } : undefined);
    tools.push(...listed.tools);
    cursor = listed.nextCursor;
    if (!cursor) break;
  }
  return tools;
}

async function closeQuietly(client: Client | undefined): Promise<void> {
  if (!client) return;
  client.onclose = undefined;
  try {
    await client.close();
  } catch {
    // Already gone.
  }
}
