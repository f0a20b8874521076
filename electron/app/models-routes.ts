import type { ModelCapabilityCache } from '../services/backends/model-capabilities';
import { listModels } from '../services/backends/model-catalog';
import type { ProfileService } from '../services/profiles/profile-service';
import type { RoutesOf } from './routes-of';

export interface ModelsRoutesDeps {
  profiles: ProfileService;
  /** The same cache the context planner asks, so the composer and the meter agree. */
  capabilities: Pick<ModelCapabilityCache, 'of'>;
}

/** The models a profile's backend offers (the default profile's when none is named), and what one can do. */
export function modelsRoutes({ profiles, capabilities }: ModelsRoutesDeps): RoutesOf<'models'> {
  return {
    'models.list': async (input) => {
      const target = await profiles.target({ id: input?.profileId ?? profiles.defaultId() });
      return { models: await listModels(target) };
    },
    'models.capabilities': async ({ profileId, model }) =>
      capabilities.of(await profiles.resolve(profileId), model),
  };
}
