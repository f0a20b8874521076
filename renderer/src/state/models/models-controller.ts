import type { AssistantApi } from '../../../../shared/contract/api';
import type { Result } from '../../../../shared/contract/result';
import type { UserError } from '../../../../shared/domain/errors';
import type { LoadedModel, PullProgress } from '../../../../shared/domain/ollama-models';
import { createStore, type Store } from '../core/create-store';

/** The "Ollama models" dialog: which server it manages, and a name to pull filled in when opened. */
export interface ModelsDialogRequest {
  profileId: string;
  /** Typed into the pull field (a suggestion chosen in the empty state or the welcome screen). */
  suggestion?: string;
  seq: number;
}

export interface LoadedModels {
  models: LoadedModel[];
  error?: UserError;
}

export interface ModelsState {
  dialog: ModelsDialogRequest | undefined;
  /** Every pull this window has heard of, by id, as far as it got (the last event's state is final). */
  pulls: Readonly<Record<string, PullProgress>>;
  /** `ollama.loaded` per profile id. */
  loaded: Readonly<Record<string, LoadedModels>>;
}

/**
 * Ollama's model management as the window sees it: pulls (live from `ollama.pull` events; a window
 * opened mid-pull asks `ollama.pulls`), deletes and the loaded models. The installed list is the
 * profile's model list (`models.list`), refreshed through `refreshModels` after a pull or delete so
 * the model picker sees it too.
 */
export class ModelsController {
  readonly store: Store<ModelsState> = createStore<ModelsState>({ dialog: undefined, pulls: {}, loaded: {} });
  #seq = 0;

  constructor(
    private readonly api: AssistantApi,
    private readonly refreshModels: (profileId: string) => Promise<void>,
    /** Conversations or a profile's default moved to another model: their lists come fresh. */
    private readonly onReassigned: () => void = () => {},
  ) {}

  open(profileId: string, suggestion?: string): void {
    this.store.setState({
      dialog: { profileId, seq: ++this.#seq, ...(suggestion !== undefined ? { suggestion } : {}) },
    });
    void this.joinPulls();
    void this.loadLoaded(profileId);
    void this.refreshModels(profileId);
  }

  close(): void {
    this.store.setState({ dialog: undefined });
  }

  /** The pulls running now (started in another window, or before this one opened). */
  async joinPulls(): Promise<void> {
    const running = await this.api.invoke('ollama.pulls');
    if (!running.ok) return;
    for (const progress of running.value) this.onPull(progress);
  }

  /** An `ollama.pull` event. A finished pull refreshes the model list so the picker offers it. */
  onPull(progress: PullProgress): void {
    const known = this.store.getState().pulls[progress.pullId];
    // A late running event never undoes a final state.
    if (known && known.state !== 'running' && progress.state === 'running') return;
    this.store.setState((state) => ({ pulls: { ...state.pulls, [progress.pullId]: progress } }));
    if (progress.state === 'done' && known?.state !== 'done') {
      void this.refreshModels(progress.profileId);
      void this.loadLoaded(progress.profileId);
    }
  }

  async pull(profileId: string, model: string): Promise<Result<{ pullId: string }>> {
    const started = await this.api.invoke('ollama.pull', { profileId, model });
    if (started.ok && !this.store.getState().pulls[started.value.pullId])
      this.onPull({ pullId: started.value.pullId, profileId, model, state: 'running', status: 'Starting…' });
    return started;
  }

  cancel(pullId: string): Promise<Result<{ cancelled: boolean }>> {
    return this.api.invoke('ollama.cancelPull', { pullId });
  }

  /** Forgets a finished pull's line (after a failure's "Try again", or once its result was seen). */
  forget(pullId: string): void {
    this.store.setState((state) => {
      if (!(pullId in state.pulls)) return {};
      const { [pullId]: _gone, ...rest } = state.pulls;
      return { pulls: rest };
    });
  }

  async loadLoaded(profileId: string): Promise<void> {
    const listed = await this.api.invoke('ollama.loaded', { profileId });
    this.store.setState((state) => ({
      loaded: {
        ...state.loaded,
        [profileId]: listed.ok
          ? { models: listed.value }
          : { models: state.loaded[profileId]?.models ?? [], error: listed.error },
      },
    }));
  }

  async unload(profileId: string, model: string): Promise<Result<{ model: string }>> {
    const unloaded = await this.api.invoke('ollama.unload', { profileId, model });
    await this.loadLoaded(profileId);
    return unloaded;
  }

  /** How many conversations would lose the model (theirs, or their profile's default), before asking. */
  usage(
    profileId: string,
    model: string,
  ): Promise<Result<{ conversations: number; isDefaultModel: boolean }>> {
    return this.api.invoke('ollama.usage', { profileId, model });
  }

  /** Deletes a model; with `replacement`, main moves the conversations (and the default) that used it. */
  async remove(
    profileId: string,
    model: string,
    replacement?: string,
  ): Promise<Result<{ model: string; usedBy: number; reassigned: number }>> {
    const deleted = await this.api.invoke(
      'ollama.delete',
      replacement !== undefined ? { profileId, model, replacement } : { profileId, model },
    );
    if (deleted.ok) {
      await Promise.all([this.refreshModels(profileId), this.loadLoaded(profileId)]);
      if (deleted.value.reassigned > 0) this.onReassigned();
    }
    return deleted;
  }
}
