import type { ChatCompletionTool } from 'openai/resources/chat/completions';
import type { ToolDecision, ToolSettings, ToolSourceView } from '../../../shared/domain/tools';
import { ApprovalGate, type ApprovalKey } from './approval-gate';
import { offeredTools, type OfferedTool, type ToolRegistry } from './tool-registry';
import { runToolRound, type ToolRoundInput } from './tool-round';
import type { ToolSettingsStore } from './tool-settings-store';
import type { DescribeTool } from '../streaming/reply-parts';

/**
 * The tools side of the app, for chat, compare and the `tools.*` routes: the registry of sources,
 * the settings, the calls waiting for approval, and a `ToolSession` per reply (the tools offered
 * to it and how its rounds run).
 */

export interface ToolServiceDeps {
  registry: ToolRegistry;
  settings: Pick<ToolSettingsStore, 'value' | 'update'>;
  /** `tools.changed`: the sources or the settings changed. */
  onChanged?: (view: { sources: ToolSourceView[]; settings: ToolSettings }) => void;
  clock?: () => number;
}

export class ToolService {
  readonly approvals = new ApprovalGate();
  readonly #clock: () => number;

  constructor(private readonly deps: ToolServiceDeps) {
    this.#clock = deps.clock ?? Date.now;
    deps.registry.onChanged(() => this.#announce());
  }

  sources(): ToolSourceView[] {
    return this.deps.registry.views();
  }

  settings(): ToolSettings {
    return this.deps.settings.value();
  }

  updateSettings(patch: Partial<ToolSettings>): ToolSettings {
    const saved = this.deps.settings.update(patch);
    this.#announce();
    return saved;
  }

  /** The user's answer to a call waiting for approval; false when none waits there. */
  decide(key: ApprovalKey, decision: ToolDecision): boolean {
    return this.approvals.decide(key, decision);
  }

  /**
   * The tools a reply is offered: of the sources `sourceIds` names (chat: the conversation's own),
   * or `all` (compare with tools on). Undefined when that is no tool at all, so nothing is sent.
   * `ask: false` (compare): a call that needs approval is denied, with a result saying so.
   */
  session(sourceIds: readonly string[] | 'all', options: { ask: boolean }): ToolSession | undefined {
    const ids = sourceIds === 'all' ? this.deps.registry.list().map((p) => p.source.id) : sourceIds;
    if (ids.length === 0) return undefined;
    const tools = offeredTools(this.deps.registry, ids);
    if (tools.length === 0) return undefined;
    const settings = this.settings();
    return new ToolSession(tools, settings, options.ask ? this.approvals : undefined, this.#clock);
  }

  #announce(): void {
    try {
      this.deps.onChanged?.({ sources: this.sources(), settings: this.settings() });
    } catch (error) {
      console.error('[tools] tools.changed could not be sent:', error);
    }
  }
}

/** The tools offered to one reply, and how its rounds run. */
export class ToolSession {
  readonly definitions: ChatCompletionTool[];

  constructor(
    readonly tools: readonly OfferedTool[],
    readonly settings: ToolSettings,
    private readonly approvals: ApprovalGate | undefined,
    private readonly clock: () => number,
  ) {
    this.definitions = tools.map((t) => ({
      type: 'function',
      function: {
        name: t.name,
        description: t.definition.description,
        parameters: t.definition.inputSchema,
      },
    }));
  }

  get maxRounds(): number {
    return this.settings.maxRounds;
  }

  /** For the live card while a call streams in: its source and whether it asks first. */
  readonly describe: DescribeTool = (name) => {
    const tool = this.tools.find((t) => t.name === name);
    return tool ? { source: tool.provider.source, sideEffects: tool.definition.sideEffects } : undefined;
  };

  run(input: ToolRoundInput): Promise<void> {
    const approvals = this.approvals;
    return runToolRound(
      {
        tools: this.tools,
        timeoutMs: this.settings.callTimeoutSeconds * 1000,
        clock: this.clock,
        ...(approvals ? { ask: (key, signal) => approvals.wait(key, signal) } : {}),
      },
      input,
    );
  }
}
