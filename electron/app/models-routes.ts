import { listModels } from '../services/backends/model-catalog';
import type { ProfileService } from '../services/profiles/profile-service';
import type { RoutesOf } from './routes-of';

/** The models a profile's backend offers (the default profile's when none is named). */
export function modelsRoutes({ profiles }: { profiles: ProfileService }): RoutesOf<'models'> {
  return {
    'models.list': async (input) => {
      const target = await profiles.target({ id: input?.profileId ?? profiles.defaultId() });
      return { models: await listModels(target) };
    },
  };
}
