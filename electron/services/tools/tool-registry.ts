import type { ToolSourceView } from '../../../shared/domain/tools';
import type { ToolDefinition, ToolProvider, ToolProviders } from './tool-provider';

/**
 * The app's tool sources: the built-in task list and each MCP server register here (`register`
 * answers the function that removes the provider again), and the tool loop reads them through the
 * `ToolProviders` interface. `changed()` tells listeners (the `tools.changed` event) that a
 * source's state, tools or switches changed.
 */
export class ToolRegistry implements ToolProviders {
  readonly #providers: ToolProvider[] = [];
  readonly #listeners = new Set<() => void>();

  /** Adds (or replaces, by source id) a provider; the built-in task list is kept first. */
  register(provider: ToolProvider): () => void {
    const at = this.#providers.findIndex((p) => p.source.id === provider.source.id);
    if (at >= 0) this.#providers.splice(at, 1, provider);
    else if (provider.source.kind === 'builtin') this.#providers.unshift(provider);
    else this.#providers.push(provider);
    this.changed();
    return () => this.unregister(provider.source.id, provider);
  }

  /** Removes a source (only `provider` when given, so a stale remover cannot drop its replacement). */
  unregister(sourceId: string, provider?: ToolProvider): void {
    const at = this.#providers.findIndex((p) => p.source.id === sourceId && (!provider || p === provider));
    if (at < 0) return;
    this.#providers.splice(at, 1);
    this.changed();
  }

  list(): ToolProvider[] {
    return [...this.#providers];
  }

  get(sourceId: string): ToolProvider | undefined {
    return this.#providers.find((p) => p.source.id === sourceId);
  }

  onChanged(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Providers call this (through the function they were given) when anything they show changed. */
  changed(): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener();
      } catch (error) {
        console.error('[tools] a tools.changed listener failed:', error);
      }
    }
  }

  /** Every source as the window lists it; a provider whose view throws shows as failed. */
  views(): ToolSourceView[] {
    return this.#providers.map((p) => {
      try {
        return p.view();
      } catch {
        return { id: p.source.id, kind: p.source.kind, name: p.source.name, state: 'failed', tools: [] };
      }
    });
  }
}

/** One tool offered to a model: the name the model sees, and where the call goes. */
export interface OfferedTool {
  /** Unique in the request; the tool's own name unless another source had it first. */
  name: string;
  provider: ToolProvider;
  definition: ToolDefinition;
}

/** What OpenAI-compatible servers accept as a function name. */
const NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * The tools of the sources a conversation turned on, in the registry's order. When two sources
 * offer the same name, the first keeps it and the later one is offered as `<source>_<name>`
 * (numbered further if that is taken too), so every call names exactly one tool.
 */
export function offeredTools(providers: ToolProviders, sourceIds: readonly string[]): OfferedTool[] {
  const wanted = new Set(sourceIds);
  const offered: OfferedTool[] = [];
  const taken = new Set<string>();
  for (const provider of providers.list()) {
    if (!wanted.has(provider.source.id)) continue;
    let definitions: ToolDefinition[];
    try {
      definitions = provider.tools();
    } catch (error) {
      console.warn(`[tools] ${provider.source.name} could not list its tools:`, error);
      continue;
    }
    for (const definition of definitions) {
      const name = uniqueName(definition.name, provider.source.name, taken);
      taken.add(name);
      offered.push({ name, provider, definition });
    }
  }
  return offered;
}

function uniqueName(name: string, sourceName: string, taken: ReadonlySet<string>): string {
  const clean = (text: string) => text.replace(/[^a-zA-Z0-9_-]+/g, '_').slice(0, 64) || 'tool';
  const own = NAME_PATTERN.test(name) ? name : clean(name);
  if (!taken.has(own)) return own;
  const prefixed = clean(`${sourceName}_${own}`);
  if (!taken.has(prefixed)) return prefixed;
  for (let n = 2; ; n++) {
    const numbered = `${prefixed.slice(0, 60)}_${n}`;
    if (!taken.has(numbered)) return numbered;
  }
}
