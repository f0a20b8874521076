import type { AssistantApi } from '../../../../shared/contract/api';
import type { Result } from '../../../../shared/contract/result';
import type { ConversationSummary } from '../../../../shared/domain/conversation';
import type { UserError } from '../../../../shared/domain/errors';
import type { ToolDecision, ToolSettings, ToolSourceView } from '../../../../shared/domain/tools';
import { createStore, type Store } from '../core/create-store';

export interface ToolsState {
  /** The built-in task list first, then each MCP server, as `tools.sources` answers. */
  sources: ToolSourceView[];
  settings: ToolSettings | undefined;
  loaded: boolean;
  /** Why the sources could not be loaded. */
  error: string | undefined;
  /** The live region's latest words ("Waiting for your approval: …"), numbered so a repeat is read again. */
  announcement: { text: string; n: number };
}

/** What the tools controller needs of the rest of the app (kept narrow so it is testable alone). */
export interface ToolsHost {
  /** The open conversation's id, creating a conversation first when none is (as the header's pickers do). */
  ensureSelected(context: string): Promise<string | undefined>;
  upsertConversation(summary: ConversationSummary): void;
  notify(error: UserError, context: string): void;
}

/**
 * Tool sources and settings for the window: loaded on first use, then kept live by `tools.changed`
 * (an MCP server starting or failing, a setting changed in another window). Also the approval answers
 * (`tools.decide`) and a conversation's tool switch (`conversations.setTools`).
 */
export class ToolsController {
  readonly store: Store<ToolsState> = createStore<ToolsState>({
    sources: [],
    settings: undefined,
    loaded: false,
    error: undefined,
    announcement: { text: '', n: 0 },
  });
  #loading: Promise<void> | undefined;
  #watchers = 0;
  #stopWatching: (() => void) | undefined;
  /** Approval prompts already announced (a virtualised row remounting must not say it again). */
  readonly #announced = new Set<string>();
  readonly #focused = new Set<string>();

  constructor(
    private readonly api: AssistantApi,
    private readonly host: ToolsHost,
  ) {}

  /** Follows `tools.changed` while at least one component shows tools; returns the stop. */
  watch(): () => void {
    if (this.#watchers++ === 0) {
      this.#stopWatching = this.api.on('tools.changed', ({ sources, settings }) =>
        this.store.setState({ sources, settings, loaded: true, error: undefined }),
      );
      void this.load(true);
    }
    return () => {
      if (--this.#watchers === 0) {
        this.#stopWatching?.();
        this.#stopWatching = undefined;
      }
    };
  }

  /** Loads sources and settings (again when `force`, e.g. after a reconnect). */
  load(force = false): Promise<void> {
    if (this.#loading) return this.#loading;
    if (!force && this.store.getState().loaded) return Promise.resolve();
    this.#loading = (async () => {
      const [sources, settings] = await Promise.all([
        this.api.invoke('tools.sources'),
        this.api.invoke('tools.settings'),
      ]);
      if (sources.ok) this.store.setState({ sources: sources.value, loaded: true, error: undefined });
      else this.store.setState({ error: sources.error.message });
      if (settings.ok) this.store.setState({ settings: settings.value });
    })().finally(() => (this.#loading = undefined));
    return this.#loading;
  }

  /** Turns tool sources on for the open conversation (all others off). */
  async setConversationTools(tools: readonly string[]): Promise<boolean> {
    const context = 'The conversation’s tools were not changed.';
    const conversationId = await this.host.ensureSelected(context);
    if (!conversationId) return false;
    return this.setToolsOf(conversationId, tools, context);
  }

  async setToolsOf(conversationId: string, tools: readonly string[], context: string): Promise<boolean> {
    const changed = await this.api.invoke('conversations.setTools', { conversationId, tools: [...tools] });
    if (!changed.ok) {
      this.host.notify(changed.error, context);
      return false;
    }
    this.host.upsertConversation(changed.value);
    return true;
  }

  async updateSettings(patch: Partial<ToolSettings>): Promise<Result<ToolSettings>> {
    const updated = await this.api.invoke('tools.updateSettings', patch);
    if (updated.ok) this.store.setState({ settings: updated.value });
    return updated;
  }

  /** The user's answer to an approval prompt; `decided: false` when the call no longer waits. */
  decide(input: {
    conversationId: string;
    replyId: string;
    partId: string;
    decision: ToolDecision;
  }): Promise<Result<{ decided: boolean }>> {
    return this.api.invoke('tools.decide', input);
  }

  /** True the first time a call's prompt asks to take focus, false after (a remounted row must not). */
  claimFocus(partId: string): boolean {
    if (this.#focused.has(partId)) return false;
    this.#focused.add(partId);
    return true;
  }

  /** Says "Waiting for your approval: <tool>" once per waiting call. */
  announceApproval(partId: string, tool: string): void {
    if (this.#announced.has(partId)) return;
    this.#announced.add(partId);
    const text = `Waiting for your approval: ${tool}`;
    // From a task, so a render that mounts several rows at once cannot swallow it.
    setTimeout(() => this.store.setState((s) => ({ announcement: { text, n: s.announcement.n + 1 } })), 0);
  }
}
