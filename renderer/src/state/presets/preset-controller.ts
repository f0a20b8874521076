import type { AssistantApi } from '../../../../shared/contract/api';
import type { Result } from '../../../../shared/contract/result';
import type { RouteInput } from '../../../../shared/contract/routes';
import type { SystemPromptPreset } from '../../../../shared/domain/presets';
import { createStore, type Store } from '../core/create-store';

export interface PresetState {
  /** Built-ins first, then the user's, as `presets.list` answers. */
  presets: SystemPromptPreset[];
  loaded: boolean;
  /** Why the list could not be loaded. */
  error: string | undefined;
}

/**
 * The library of system prompts, for the system prompt bar: listed on first use and kept in step
 * with what this window saves, renames and deletes.
 */
export class PresetController {
  readonly store: Store<PresetState> = createStore<PresetState>({
    presets: [],
    loaded: false,
    error: undefined,
  });
  #loading: Promise<void> | undefined;

  constructor(private readonly api: AssistantApi) {}

  /** Loads the list once (again after a failure); `force` asks again anyway. */
  load(force = false): Promise<void> {
    const { loaded, error } = this.store.getState();
    if (!force && (loaded || this.#loading) && error === undefined) return this.#loading ?? Promise.resolve();
    this.#loading = (async () => {
      const listed = await this.api.invoke('presets.list');
      if (listed.ok) this.store.setState({ presets: listed.value, loaded: true, error: undefined });
      else this.store.setState({ error: listed.error.message });
    })().finally(() => (this.#loading = undefined));
    return this.#loading;
  }

  /** Creates a preset, or renames/replaces the user's preset `input.id`. Field errors come back in `error.fields`. */
  async save(input: RouteInput<'presets.save'>): Promise<Result<SystemPromptPreset>> {
    const saved = await this.api.invoke('presets.save', input);
    if (saved.ok)
      this.store.setState((state) => {
        const index = state.presets.findIndex((p) => p.id === saved.value.id);
        if (index === -1) return { presets: [...state.presets, saved.value] };
        const presets = state.presets.slice();
        presets[index] = saved.value;
        return { presets };
      });
    return saved;
  }

  async remove(id: string): Promise<Result<{ id: string }>> {
    const deleted = await this.api.invoke('presets.delete', { id });
    if (deleted.ok) this.store.setState((state) => ({ presets: state.presets.filter((p) => p.id !== id) }));
    return deleted;
  }
}
