import { userError } from '../../shared/domain/errors';
import { AppError } from '../services/app-error';
import { deleteModel, loadedModels, unloadModel } from '../services/backends/adapters/ollama-api';
import type { BackendTarget } from '../services/backends/backend-target';
import { conversationsUsing, sameModel } from '../services/ollama/model-usage';
import type { OllamaPulls } from '../services/ollama/ollama-pulls';
import type { ProfileService } from '../services/profiles/profile-service';
import type { ConversationStore } from '../services/store/conversation-store';
import type { RoutesOf } from './routes-of';

export interface OllamaRoutesDeps {
  profiles: ProfileService;
  store: Pick<ConversationStore, 'list' | 'setBackend'>;
  pulls: OllamaPulls;
  /** A profile's models changed (deleted): lists and caches refresh. */
  onModelsChanged: (profileId: string) => void;
  fetch?: typeof fetch;
}

const TIMEOUT_MS = 10_000;

/** Ollama's model management: pull (streamed as events), cancel, delete, loaded models, unload. */
export function ollamaRoutes(deps: OllamaRoutesDeps): RoutesOf<'ollama'> {
  const { profiles, store, pulls } = deps;
  const http = { timeoutMs: TIMEOUT_MS, ...(deps.fetch ? { fetch: deps.fetch } : {}) };

  const ollamaTarget = async (profileId: string): Promise<BackendTarget & { profileId: string }> => {
    const target = await profiles.target({ id: profileId });
    if (target.kind !== 'ollama')
      throw new AppError(
        userError(
          'not-supported',
          'Only an Ollama profile can pull, delete or unload models from here.',
          'Choose an Ollama profile, or manage the models in this server’s own tool.',
        ),
      );
    return { ...target, profileId };
  };

  const usage = (profileId: string, model: string) => {
    const list = profiles.list();
    const profile = profiles.get(profileId);
    const using = conversationsUsing(
      store.list(),
      {
        id: profileId,
        isDefault: profiles.defaultId() === profileId,
        ...(profile.defaultModel ? { defaultModel: profile.defaultModel } : {}),
      },
      model,
      new Set(list.map((p) => p.id)),
    );
    const isDefaultModel = profile.defaultModel !== undefined && sameModel(profile.defaultModel, model);
    return { using, isDefaultModel };
  };

  return {
    'ollama.pull': async ({ profileId, model }) => pulls.start(await ollamaTarget(profileId), model),
    'ollama.cancelPull': ({ pullId }) => pulls.cancel(pullId),
    'ollama.pulls': () => pulls.list(),
    'ollama.usage': async ({ profileId, model }) => {
      await ollamaTarget(profileId);
      const { using, isDefaultModel } = usage(profileId, model);
      return { conversations: using.length, isDefaultModel };
    },
    'ollama.delete': async ({ profileId, model, replacement }) => {
      const target = await ollamaTarget(profileId);
      if (replacement !== undefined && sameModel(replacement, model))
        throw new AppError(
          userError('invalid-input', 'A model cannot replace itself.', 'Choose another model.', {
            fields: { replacement: 'Choose another model.' },
          }),
        );
      const { using, isDefaultModel } = usage(profileId, model);
      const failed = await deleteModel(target, model, http);
      if (failed) throw new AppError(failed);
      let reassigned = 0;
      if (replacement !== undefined) {
        // Conversations that chose it move; those on the profile's default follow the new default.
        if (isDefaultModel) await profiles.update(profileId, { defaultModel: replacement });
        for (const summary of using) {
          if (summary.profileId !== profileId || summary.chosenModel === undefined) {
            reassigned++;
            continue;
          }
          try {
            store.setBackend(summary.id, { profileId, chosenModel: replacement });
            reassigned++;
          } catch {
            // A conversation deleted meanwhile has nothing to move.
          }
        }
      }
      deps.onModelsChanged(profileId);
      return { model, usedBy: using.length, reassigned };
    },
    'ollama.loaded': async ({ profileId }) => loadedModels(await ollamaTarget(profileId), http),
    'ollama.unload': async ({ profileId, model }) => {
      const failed = await unloadModel(await ollamaTarget(profileId), model, http);
      if (failed) throw new AppError(failed);
      return { model };
    },
  };
}
