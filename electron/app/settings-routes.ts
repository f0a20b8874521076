import type { SettingsView } from '../../shared/domain/settings';
import type { ProfileService } from '../services/profiles/profile-service';
import type { SecretBox } from '../services/secrets/secret-box';
import type { RoutesOf } from './routes-of';

export interface SettingsDeps {
  profiles: Pick<ProfileService, 'defaultId'>;
  secrets: Pick<SecretBox, 'status'>;
}

/** What the settings view shows beyond profiles: the default profile and how keys are kept. */
export async function settingsView({ profiles, secrets }: SettingsDeps): Promise<SettingsView> {
  return { defaultProfileId: profiles.defaultId(), secrets: await secrets.status() };
}

export function settingsRoutes(deps: SettingsDeps): RoutesOf<'settings'> {
  return {
    'settings.get': () => settingsView(deps),
  };
}
