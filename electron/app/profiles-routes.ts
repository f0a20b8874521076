import type { ProfileList } from '../../shared/contract/routes';
import type { SettingsView } from '../../shared/domain/settings';
import type { EventBus } from '../services/events/event-bus';
import type { NetworkProbe } from '../services/backends/backend-target';
import { testConnection } from '../services/backends/connection-test';
import type { ProfileMonitor } from '../services/profiles/profile-monitor';
import type { ProfileService } from '../services/profiles/profile-service';
import { followNewProfile } from '../services/profiles/default-follows';
import type { RoutesOf } from './routes-of';

/** The profiles with the default and their live statuses: `profiles.list` and `profiles.changed`. */
export function profileList(profiles: ProfileService, monitor: ProfileMonitor | undefined): ProfileList {
  return {
    profiles: profiles.list(),
    defaultProfileId: profiles.defaultId(),
    statuses: monitor?.statuses() ?? [],
  };
}

export interface ProfilesRoutesDeps {
  profiles: ProfileService;
  monitor: ProfileMonitor | undefined;
  network: NetworkProbe;
  events: EventBus;
  /** Answered by `profiles.setDefault` and pushed as `settings.changed`. */
  settingsView: () => Promise<SettingsView>;
}

/** Backend profiles: edit, duplicate, delete with a replacement, the default, and the connection test. */
export function profilesRoutes(deps: ProfilesRoutesDeps): RoutesOf<'profiles'> {
  const { profiles, network, events } = deps;
  return {
    'profiles.list': () => profileList(profiles, deps.monitor),
    'profiles.create': async (input) => {
      const created = await profiles.create(input);
      const monitor = deps.monitor;
      const followed = await followNewProfile(created.id, {
        defaultId: () => profiles.defaultId(),
        setDefault: (id) => profiles.setDefault(id),
        ...(monitor
          ? { statuses: () => monitor.statuses(), checkNow: (id: string) => monitor.checkNow(id) }
          : {}),
      });
      if (followed) events.emit('settings.changed', await deps.settingsView());
      return created;
    },
    'profiles.update': ({ id, patch }) => profiles.update(id, patch),
    'profiles.duplicate': ({ id }) => profiles.duplicate(id),
    'profiles.usage': ({ id }) => profiles.usage(id),
    'profiles.delete': ({ id, replacementId }) => profiles.delete(id, replacementId),
    'profiles.setDefault': async ({ id }) => {
      profiles.setDefault(id);
      const view = await deps.settingsView();
      events.emit('settings.changed', view);
      return view;
    },
    'profiles.test': async (input) => {
      const model = 'draft' in input ? input.draft.defaultModel : profiles.get(input.id).defaultModel;
      return testConnection(await profiles.target(input), {
        network,
        // Local backends prove the key by themselves; a cloud one only when asked (it costs a token).
        completion: input.completion === true ? 'always' : input.completion === false ? 'never' : 'auto',
        ...(model ? { model } : {}),
      });
    },
  };
}
