import type { ModelInfo, ProfileStatus, ProfileView } from '../../../../shared/domain/profiles';
import type { SettingsView } from '../../../../shared/domain/settings';

/** The models one profile's backend lists, fetched on demand. */
export interface ModelChoices {
  models: ModelInfo[];
  /** Why the list could not be fetched, shown as the combobox's tooltip. */
  error?: string;
}

/** Backend profiles, their live status and models, and the settings that name the default. */
export interface ProfilesState {
  settings: SettingsView | undefined;
  profiles: ProfileView[];
  profilesLoaded: boolean;
  defaultProfileId: string | undefined;
  /** Live status per profile id, from `profiles.status` events. */
  profileStatuses: Readonly<Record<string, ProfileStatus>>;
  /** Model lists per profile id. */
  modelChoices: Readonly<Record<string, ModelChoices>>;
  /** The browser's idea of the network; cloud profiles recover by themselves when it returns. */
  online: boolean;
}

export const initialProfilesState: ProfilesState = {
  settings: undefined,
  profiles: [],
  profilesLoaded: false,
  defaultProfileId: undefined,
  profileStatuses: {},
  modelChoices: {},
  online: typeof navigator === 'undefined' || navigator.onLine !== false,
};
