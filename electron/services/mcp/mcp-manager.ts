import { userError } from '../../../shared/domain/errors';
import type { McpImportReport, McpServerInput, McpServerView } from '../../../shared/domain/mcp';
import type { StoreProblem } from '../../../shared/domain/store-problem';
import { AppError } from '../app-error';
import type { SecretBox } from '../secrets/secret-box';
import type { OpenStore } from '../store/kv-store';
import type { ToolProvider } from '../tools/tool-provider';
import { cachedEnvironment, type EnvironmentSource } from './login-shell-env';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './mcp-backoff';
import type { StoredServer } from './mcp-config-schema';
import { McpConfigStore, serverNotFound } from './mcp-config-store';
import { planImport } from './mcp-import';
import { McpServerRunner } from './mcp-server-runner';
import { McpToolProvider, toolViews } from './mcp-tool-provider';

export interface McpManagerOptions {
  dir: string;
  openStore: OpenStore;
  secrets: SecretBox;
  /** Called after any server's config, status or tools changed (callers coalesce). */
  onChanged?: () => void;
  onProblem?: (problem: StoreProblem) => void;
  /** The environment stdio servers start with (default: the login shell's, read once). */
  environment?: EnvironmentSource;
  backoff?: Partial<BackoffPolicy>;
  /** How long a server may take to answer `initialize`. */
  connectTimeoutMs?: number;
  clientInfo?: { name: string; version: string };
  now?: () => number;
}

/**
 * The user's MCP servers: their saved config, one runner each (status, tools, restarts) and one
 * ToolProvider each for the tool loop. Starting happens in the background; nothing here blocks
 * the app's startup, and one server failing never affects another.
 */
export class McpManager {
  readonly #store: McpConfigStore;
  readonly #runners = new Map<string, McpServerRunner>();
  readonly #providers = new Map<string, McpToolProvider>();
  readonly #listeners = new Set<() => void>();
  readonly #environment: EnvironmentSource;
  #closed = false;

  constructor(private readonly options: McpManagerOptions) {
    this.#store = new McpConfigStore({
      dir: options.dir,
      openStore: options.openStore,
      secrets: options.secrets,
      ...(options.onProblem ? { onProblem: options.onProblem } : {}),
    });
    this.#environment = options.environment ?? cachedEnvironment();
    if (options.onChanged) this.#listeners.add(options.onChanged);
  }

  /** Starts every enabled server, in the background. */
  start(): void {
    for (const server of this.#store.list()) {
      const runner = this.#runner(server);
      if (server.enabled) void runner.start();
    }
  }

  list(): McpServerView[] {
    return this.#store.list().map((server) => this.#view(server));
  }

  view(id: string): McpServerView {
    return this.#view(this.#store.get(id));
  }

  /** Saves the server and (re)starts it when enabled; its tool switches are kept. */
  async save(input: McpServerInput): Promise<McpServerView> {
    const [saved] = await this.#store.saveMany([input]);
    if (!saved) throw serverNotFound();
    await this.#apply(saved);
    return this.#view(saved);
  }

  async delete(id: string): Promise<{ id: string }> {
    this.#store.delete(id);
    const runner = this.#runners.get(id);
    this.#runners.delete(id);
    this.#providers.delete(id);
    await runner?.stop();
    this.#changed();
    return { id };
  }

  /** Adds the valid entries of a pasted configuration in one write; reports what was left out. */
  async import(json: string): Promise<McpImportReport> {
    const { inputs, report } = planImport(
      json,
      this.#store.list().map((s) => s.name),
    );
    if (inputs.length === 0) return report;
    for (const saved of await this.#store.saveMany(inputs)) await this.#apply(saved);
    return report;
  }

  /** Stops and starts it now, the crash backoff cleared. */
  async restart(id: string): Promise<McpServerView> {
    const server = this.#store.get(id);
    const runner = this.#runner(server);
    if (server.enabled) void runner.start();
    else await runner.stop();
    return this.#view(server);
  }

  async setTool(
    serverId: string,
    tool: string,
    prefs: { enabled?: boolean; alwaysAllowed?: boolean },
  ): Promise<McpServerView> {
    const current = this.#runner(this.#store.get(serverId));
    // While the server is up, only its own tools (switches of a stopped server's tools stay settable).
    if (current.state === 'ready' && !current.tools().some((t) => t.name === tool))
      throw new AppError(
        userError(
          'not-found',
          `"${current.config.name}" has no tool named "${tool}".`,
          'Pick one of the tools listed under the server.',
        ),
      );
    const saved = this.#store.setTool(serverId, tool, prefs);
    this.#runner(saved).config = saved;
    this.#changed();
    return this.#view(saved);
  }

  /** One ToolProvider per saved server, in the list's order (for the tool registry). */
  providers(): ToolProvider[] {
    return this.#store.list().map((server) => {
      const runner = this.#runner(server);
      let provider = this.#providers.get(server.id);
      if (!provider) {
        provider = new McpToolProvider(runner, {
          allowAlways: async (id, name) => {
            await this.setTool(id, name, { alwaysAllowed: true });
          },
        });
        this.#providers.set(server.id, provider);
      }
      return provider;
    });
  }

  onChanged(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  problems(): StoreProblem[] {
    return this.#store.problems();
  }

  /** Stops every server (their child processes end with them). */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#runners.values()].map((runner) => runner.stop()));
    this.#listeners.clear();
  }

  async #apply(saved: StoredServer): Promise<void> {
    const runner = this.#runner(saved);
    runner.config = saved;
    if (saved.enabled && !this.#closed) void runner.start();
    else await runner.stop();
    this.#changed();
  }

  #runner(server: StoredServer): McpServerRunner {
    let runner = this.#runners.get(server.id);
    if (runner) {
      runner.config = server;
      return runner;
    }
    runner = new McpServerRunner(server, {
      environment: this.#environment,
      secretValues: (s) => this.#store.secretValues(s),
      onChanged: () => this.#changed(),
      backoff: { ...DEFAULT_BACKOFF, ...this.options.backoff },
      connectTimeoutMs: this.options.connectTimeoutMs ?? 30_000,
      clientInfo: this.options.clientInfo ?? { name: 'local-llm-desk', version: '1.0.0' },
      now: this.options.now ?? Date.now,
    });
    this.#runners.set(server.id, runner);
    return runner;
  }

  #view(server: StoredServer): McpServerView {
    const runner = this.#runner(server);
    const t = server.transport;
    return {
      id: server.id,
      name: server.name,
      enabled: server.enabled,
      transport:
        t.kind === 'stdio'
          ? {
              kind: 'stdio',
              command: t.command,
              args: [...t.args],
              envNames: Object.keys(t.env),
              ...(t.cwd ? { cwd: t.cwd } : {}),
            }
          : { kind: t.kind, url: t.url, headerNames: Object.keys(t.headers) },
      ...(server.timeoutSeconds !== undefined ? { timeoutSeconds: server.timeoutSeconds } : {}),
      status:
        server.enabled || runner.state !== 'stopped'
          ? runner.status()
          : { ...runner.status(), message: 'Turned off.' },
      tools: toolViews(server, runner.tools()),
    };
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener();
      } catch (error) {
        console.warn('[mcp] a change listener failed:', error);
      }
    }
  }
}
