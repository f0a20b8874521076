import OpenAI from 'openai';
import type { Message } from '../../shared/domain/conversation';
import type { ToolSource } from '../../shared/domain/message-parts';
import type { ToolSettings, ToolSourceView } from '../../shared/domain/tools';
import type { UnnumberedEvent } from '../../electron/services/chat/live-replies';
import { streamIntoReply } from '../../electron/services/chat/reply-lifecycle';
import type { RequestPlan } from '../../electron/services/chat/turn-preparation';
import type { ResolvedProfile } from '../../electron/services/profiles/profile-service';
import { defaultStreamTimings } from '../../electron/services/streaming/stream-reply';
import type {
  ToolDefinition,
  ToolOutcome,
  ToolProvider,
  ToolRunContext,
} from '../../electron/services/tools/tool-provider';
import { ToolRegistry } from '../../electron/services/tools/tool-registry';
import { ToolService } from '../../electron/services/tools/tool-service';
import { defaultToolSettings } from '../../electron/services/tools/tool-settings-store';
import type { ProfileKind } from '../../shared/domain/profiles';

/**
 * The chat tool loop (`streamIntoReply` with a `ToolSession`) against a real test server over HTTP,
 * with tool sources implemented in the test (`FakeToolProvider`): what the reply becomes, what each
 * request carried, and every event a window would have seen.
 */

export class FakeToolProvider implements ToolProvider {
  readonly calls: { name: string; args: Record<string, unknown>; signal: AbortSignal }[] = [];
  readonly allowed = new Set<string>();

  constructor(
    readonly source: ToolSource,
    readonly definitions: ToolDefinition[],
    readonly run: (
      name: string,
      args: Record<string, unknown>,
      context: ToolRunContext,
    ) => Promise<ToolOutcome> | ToolOutcome,
  ) {}

  view(): ToolSourceView {
    return {
      id: this.source.id,
      kind: this.source.kind,
      name: this.source.name,
      state: 'ready',
      tools: this.definitions.map((d) => ({
        name: d.name,
        description: d.description,
        enabled: true,
        sideEffects: d.sideEffects,
        alwaysAllowed: this.alwaysAllowed(d.name),
      })),
    };
  }
  tools(): ToolDefinition[] {
    return this.definitions;
  }
  async call(name: string, args: Record<string, unknown>, context: ToolRunContext): Promise<ToolOutcome> {
    this.calls.push({ name, args, signal: context.signal });
    return this.run(name, args, context);
  }
  alwaysAllowed(name: string): boolean {
    return this.source.kind === 'builtin' || this.allowed.has(name);
  }
  allowAlways(name: string): void {
    this.allowed.add(name);
  }
}

export const createTaskTool: ToolDefinition = {
  name: 'create_task',
  description: 'Creates a task.',
  inputSchema: {
    type: 'object',
    properties: { title: { type: 'string', minLength: 1 }, priority: { enum: ['low', 'medium', 'high'] } },
    required: ['title'],
    additionalProperties: false,
  },
  sideEffects: true,
};

export function taskProvider(run?: FakeToolProvider['run']): FakeToolProvider {
  return new FakeToolProvider(
    { kind: 'builtin', id: 'tasks', name: 'Task list' },
    [createTaskTool],
    run ??
      ((_n, args) => ({
        content: `Created task ${String(args.title)}`,
        isError: false,
        summary: `Created task · ${String(args.title)}`,
      })),
  );
}

export function mcpProvider(run?: FakeToolProvider['run']): FakeToolProvider {
  return new FakeToolProvider(
    { kind: 'mcp', id: 'srv1', name: 'everything' },
    [
      {
        name: 'echo',
        description: 'Echoes.',
        inputSchema: { type: 'object', properties: { message: { type: 'string' } } },
        sideEffects: true,
      },
    ],
    run ?? ((_n, args) => ({ content: `Echo: ${String(args.message)}`, isError: false })),
  );
}

export interface LoopRun {
  reply: Message;
  events: UnnumberedEvent[];
  /** The terminal event (finished, cancelled or failed). */
  end: UnnumberedEvent;
}

export class ToolLoopRig {
  readonly registry = new ToolRegistry();
  readonly service: ToolService;
  settings: ToolSettings = defaultToolSettings();
  readonly events: UnnumberedEvent[] = [];
  readonly controller = new AbortController();
  #listeners: ((event: UnnumberedEvent) => void)[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly kind: ProfileKind = 'ollama',
  ) {
    this.service = new ToolService({
      registry: this.registry,
      settings: {
        value: () => this.settings,
        update: (patch) => (this.settings = { ...this.settings, ...patch }),
      },
    });
  }

  /** Calls back on every event as it goes out (e.g. to decide an approval, or press Stop). */
  onEvent(listener: (event: UnnumberedEvent) => void): void {
    this.#listeners.push(listener);
  }

  async run(
    options: { sources?: string[]; ask?: boolean; plan?: Partial<RequestPlan>; text?: string } = {},
  ): Promise<LoopRun> {
    const reply: Message = {
      id: 'reply1',
      role: 'assistant',
      parts: [],
      createdAt: 0,
      status: 'streaming',
      model: 'llama3.2:1b',
    };
    const tools = this.service.session(options.sources ?? ['tasks'], { ask: options.ask ?? true });
    const profile = {
      id: 'p1',
      name: 'Test',
      kind: this.kind,
      baseUrl: this.baseUrl,
      params: {},
      hasApiKey: false,
      apiKeySource: 'none',
      location: 'local',
    } as ResolvedProfile;
    const client = new OpenAI({ baseURL: this.baseUrl, apiKey: 'x', maxRetries: 0 });
    await streamIntoReply(
      {
        conversationId: 'conv1',
        store: { appendMessage: () => undefined, updateMessage: () => undefined },
        emit: (event) => {
          this.events.push(event);
          for (const listener of this.#listeners) listener(event);
        },
      },
      {
        reply,
        plan: {
          messages: [{ role: 'user', content: options.text ?? 'Create a task please' }],
          ...options.plan,
        },
        profile,
        reasoningEffort: undefined,
        signal: this.controller.signal,
        backends: { client: () => client },
        timings: { ...defaultStreamTimings, deltaIntervalMs: 0 },
        retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
        clock: Date.now,
        context: { learn: () => undefined },
        ...(tools ? { tools } : {}),
      },
    );
    const end = this.events.at(-1)!;
    return { reply, events: [...this.events], end };
  }
}
