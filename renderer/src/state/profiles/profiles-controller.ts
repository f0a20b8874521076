import type { AssistantApi } from '../../../../shared/contract/api';
import type { Result } from '../../../../shared/contract/result';
import type { ProfileList, RouteInput } from '../../../../shared/contract/routes';
import type {
  ConnectionReport,
  ModelCapabilities,
  ProfileStatus,
  ProfileView,
} from '../../../../shared/domain/profiles';
import type { SettingsView } from '../../../../shared/domain/settings';
import type { AppState } from '../app-state';
import type { Store } from '../core/create-store';
import type { ConversationsController } from '../conversations/conversations-controller';

/**
 * Backend profiles: the list and its live statuses (`profiles.changed`, `profiles.status`), the
 * settings naming the default, each profile's models, and the settings view's edits.
 */
export class ProfilesController {
  constructor(
    private readonly api: AssistantApi,
    private readonly store: Store<AppState>,
    private readonly conversations: ConversationsController,
  ) {}

  async load(): Promise<void> {
    const listed = await this.api.invoke('profiles.list');
    if (listed.ok) this.setList(listed.value);
  }

  /** Fetches a profile's model list (the header combobox and the editor ask on focus). */
  async loadModels(profileId: string): Promise<void> {
    const listed = await this.api.invoke('models.list', { profileId });
    this.store.setState((state) => {
      const previous = state.modelChoices[profileId];
      const next = listed.ok
        ? { models: listed.value.models }
        : { models: previous?.models ?? [], error: listed.error.message };
      return { modelChoices: { ...state.modelChoices, [profileId]: next } };
    });
  }

  /** What one model can do, as its server says; undefined when it cannot be asked. */
  async modelCapabilities(profileId: string, model: string): Promise<ModelCapabilities | undefined> {
    const asked = await this.api.invoke('models.capabilities', { profileId, model });
    return asked.ok ? asked.value : undefined;
  }

  async create(input: RouteInput<'profiles.create'>): Promise<Result<ProfileView>> {
    const created = await this.api.invoke('profiles.create', input);
    if (created.ok) this.#upsert(created.value);
    return created;
  }

  async update(id: string, patch: RouteInput<'profiles.update'>['patch']): Promise<Result<ProfileView>> {
    const updated = await this.api.invoke('profiles.update', { id, patch });
    if (updated.ok) this.#upsert(updated.value);
    if (updated.ok) this.#forgetModels(id);
    return updated;
  }

  async duplicate(id: string): Promise<Result<ProfileView>> {
    const copy = await this.api.invoke('profiles.duplicate', { id });
    if (copy.ok) this.#upsert(copy.value);
    return copy;
  }

  usage(id: string): Promise<Result<{ conversations: number; isDefault: boolean }>> {
    return this.api.invoke('profiles.usage', { id });
  }

  async remove(id: string, replacementId?: string): Promise<Result<{ id: string; reassigned: number }>> {
    const deleted = await this.api.invoke('profiles.delete', replacementId ? { id, replacementId } : { id });
    if (deleted.ok) {
      this.store.setState((state) => ({ profiles: state.profiles.filter((p) => p.id !== id) }));
      // Conversations that used it now name the replacement; both lists come fresh.
      void this.load();
      void this.conversations.reloadList();
    }
    return deleted;
  }

  async makeDefault(id: string): Promise<Result<SettingsView>> {
    const updated = await this.api.invoke('profiles.setDefault', { id });
    if (updated.ok) this.setSettings(updated.value);
    return updated;
  }

  test(input: RouteInput<'profiles.test'>): Promise<Result<ConnectionReport>> {
    return this.api.invoke('profiles.test', input);
  }

  setSettings(settings: SettingsView): void {
    this.store.setState({ settings, defaultProfileId: settings.defaultProfileId });
  }

  /** A list from the host; a status newer than the list's (from a `profiles.status` event) is kept. */
  setList(list: ProfileList): void {
    this.store.setState((state) => {
      const statuses: Record<string, ProfileStatus> = {};
      for (const status of list.statuses) {
        const known = state.profileStatuses[status.profileId];
        statuses[status.profileId] = known && known.checkedAt > status.checkedAt ? known : status;
      }
      return {
        profiles: list.profiles,
        profilesLoaded: true,
        defaultProfileId: list.defaultProfileId,
        profileStatuses: statuses,
      };
    });
  }

  setStatus(status: ProfileStatus): void {
    this.store.setState((state) => {
      const known = state.profileStatuses[status.profileId];
      if (known && known.checkedAt > status.checkedAt) return {};
      return { profileStatuses: { ...state.profileStatuses, [status.profileId]: status } };
    });
  }

  /** The browser's online/offline events; main's monitor recovers statuses itself, this only refreshes them. */
  watchNetwork(): () => void {
    const onChange = () => {
      this.store.setState({ online: navigator.onLine });
      if (navigator.onLine) void this.load();
    };
    window.addEventListener('online', onChange);
    window.addEventListener('offline', onChange);
    return () => {
      window.removeEventListener('online', onChange);
      window.removeEventListener('offline', onChange);
    };
  }

  #upsert(profile: ProfileView): void {
    this.store.setState((state) => {
      const index = state.profiles.findIndex((p) => p.id === profile.id);
      if (index === -1) return { profiles: [...state.profiles, profile] };
      const profiles = state.profiles.slice();
      profiles[index] = profile;
      return { profiles };
    });
  }

  /** A saved change to a profile can change what its backend lists: ask again next time. */
  #forgetModels(profileId: string): void {
    this.store.setState((state) => {
      if (!(profileId in state.modelChoices)) return {};
      const { [profileId]: _dropped, ...rest } = state.modelChoices;
      return { modelChoices: rest };
    });
  }
}
