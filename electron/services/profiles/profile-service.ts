import {
  guessKind,
  profileInputSchema,
  profilePatchSchema,
  profilePresets,
  type ParsedProfileInput,
  type ProfileInput,
  type ProfilePatch,
  type ProfileView,
} from '../../../shared/domain/profiles';
import { locationOf } from '../../../shared/domain/backend-location';
import { normaliseBaseUrl } from '../../../shared/domain/backend-url';
import { userError } from '../../../shared/domain/errors';
import { AppError } from '../app-error';
import type { SecretBox } from '../secrets/secret-box';
import type { ConversationStore, StoredProfile } from '../store/conversation-store';
import type { BackendTarget } from '../backends/backend-target';

/** A profile with its key, for main only: this type never crosses to the renderer. */
export interface ResolvedProfile extends ProfileView {
  apiKey?: string;
}

export interface ProfileServiceDeps {
  store: Pick<
    ConversationStore,
    'getSettings' | 'updateSettings' | 'countUsing' | 'reassignProfile' | 'hasProfilesFile'
  >;
  secrets: SecretBox;
  /** `OPENAI_API_KEY`, used by OpenAI profiles that have no saved key. */
  environmentKey?: string;
  /** A backend named on the command line or in the environment: used (and made default) for this run. */
  override?: { baseUrl?: string; model?: string; apiKey?: string };
  newId?: () => string;
  onChanged?: () => void;
}

const fieldErrors = (issues: { path: PropertyKey[]; message: string }[]) =>
  Object.fromEntries(issues.map((i) => [i.path.map(String).join('.') || 'form', i.message]));

const invalid = (fields: Record<string, string>) =>
  new AppError(
    userError(
      'invalid-input',
      Object.values(fields).join(' '),
      'Correct the marked fields; nothing was saved.',
      { fields },
    ),
  );

/**
 * Backend profiles: presets, add/edit/duplicate/delete, the default, and keys encrypted through a
 * SecretBox. Stored through the store's settings in `profiles.json`; keys are decrypted only when a request needs them.
 */
export class ProfileService {
  readonly #memoryKeys = new Map<string, string>();
  readonly #newId: () => string;

  constructor(private readonly deps: ProfileServiceDeps) {
    this.#newId = deps.newId ?? (() => crypto.randomUUID());
    this.#migrate();
  }

  list(): ProfileView[] {
    return this.#stored().map((p) => this.#view(p));
  }

  defaultId(): string {
    const { defaultProfileId } = this.deps.store.getSettings();
    const profiles = this.#stored();
    return profiles.some((p) => p.id === defaultProfileId) ? defaultProfileId! : (profiles[0]?.id ?? '');
  }

  get(id: string): ProfileView {
    return this.#view(this.#find(id));
  }

  async create(input: ProfileInput): Promise<ProfileView> {
    const parsed = profileInputSchema.safeParse(input);
    if (!parsed.success) throw invalid(fieldErrors(parsed.error.issues));
    this.#checkName(parsed.data.name);
    const profile: StoredProfile = { id: this.#newId(), ...(await this.#fields(parsed.data, undefined)) };
    this.#save([...this.#stored(), profile]);
    return this.#view(profile);
  }

  async update(id: string, patch: ProfilePatch): Promise<ProfileView> {
    const current = this.#find(id);
    const parsed = profilePatchSchema.safeParse(patch);
    if (!parsed.success) throw invalid(fieldErrors(parsed.error.issues));
    const next = { ...this.#input(current), ...parsed.data } as ParsedProfileInput;
    if (parsed.data.name !== undefined) this.#checkName(parsed.data.name, id);
    const updated: StoredProfile = { id, ...(await this.#fields(next, current)) };
    if (parsed.data.baseUrl !== undefined || parsed.data.apiKey !== undefined) this.#memoryKeys.delete(id);
    this.#save(this.#stored().map((p) => (p.id === id ? updated : p)));
    return this.#view(updated);
  }

  duplicate(id: string): ProfileView {
    const source = this.#find(id);
    const taken = new Set(this.#stored().map((p) => p.name.toLowerCase()));
    let name = `${source.name} copy`;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${source.name} copy ${n}`;
    const copy: StoredProfile = { ...structuredClone(source), id: this.#newId(), name };
    this.#save([...this.#stored(), copy]);
    const memoryKey = this.#memoryKeys.get(id);
    if (memoryKey) this.#memoryKeys.set(copy.id, memoryKey);
    return this.#view(copy);
  }

  usage(id: string): { conversations: number; isDefault: boolean } {
    this.#find(id);
    return { conversations: this.deps.store.countUsing(id), isDefault: this.defaultId() === id };
  }

  delete(id: string, replacementId?: string): { id: string; reassigned: number } {
    this.#find(id);
    const { conversations, isDefault } = this.usage(id);
    const others = this.#stored().filter((p) => p.id !== id);
    if (others.length === 0) {
      throw new AppError(
        userError('invalid-input', 'The last profile cannot be deleted.', 'Add another profile first.'),
      );
    }
    if ((conversations > 0 || isDefault) && replacementId === undefined) {
      const what = [
        isDefault ? 'the default profile' : '',
        conversations > 0 ? `used by ${conversations} conversation${conversations === 1 ? '' : 's'}` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      throw new AppError(
        userError('needs-replacement', `This profile is ${what}.`, 'Choose which profile takes its place.'),
      );
    }
    if (
      replacementId !== undefined &&
      (replacementId === id || !others.some((p) => p.id === replacementId))
    ) {
      throw new AppError(
        userError('invalid-input', 'The replacement profile does not exist.', 'Choose another profile.', {
          fields: { replacementId: 'Choose another profile.' },
        }),
      );
    }
    const reassigned = replacementId ? this.deps.store.reassignProfile(id, replacementId) : 0;
    const patch: { profiles: StoredProfile[]; defaultProfileId?: string } = { profiles: others };
    if (isDefault && replacementId) patch.defaultProfileId = replacementId;
    this.deps.store.updateSettings(patch);
    this.#memoryKeys.delete(id);
    this.deps.onChanged?.();
    return { id, reassigned };
  }

  setDefault(id: string): void {
    this.#find(id);
    this.deps.store.updateSettings({ defaultProfileId: id });
    this.deps.onChanged?.();
  }

  /** The saved profiles were replaced underneath (a backup restored): tell everyone who shows them. */
  reloaded(): void {
    this.deps.onChanged?.();
  }

  /** The profile with its key decrypted; `id` undefined means the default. */
  async resolve(id?: string): Promise<ResolvedProfile> {
    const stored = this.#find(id ?? this.defaultId());
    const view = this.#view(stored);
    const apiKey = await this.#key(stored);
    return apiKey ? { ...view, apiKey } : view;
  }

  /** What a connection test or request needs, for a saved profile or an unsaved draft (keeping the saved key). */
  async target(input: { id: string } | { draft: ProfileInput; id?: string }): Promise<BackendTarget> {
    if (!('draft' in input)) {
      const profile = await this.resolve(input.id);
      return {
        baseUrl: profile.baseUrl,
        kind: profile.kind,
        profileId: profile.id,
        ...(profile.apiKey ? { apiKey: profile.apiKey } : {}),
      };
    }
    const parsed = profileInputSchema.safeParse(input.draft);
    if (!parsed.success) throw invalid(fieldErrors(parsed.error.issues));
    const { baseUrl, kind, apiKey } = parsed.data;
    let key = apiKey ?? undefined;
    if (apiKey === undefined && input.id !== undefined) key = (await this.resolve(input.id)).apiKey;
    if (key === undefined && kind === 'openai') key = this.deps.environmentKey;
    return { baseUrl, kind, ...(input.id ? { profileId: input.id } : {}), ...(key ? { apiKey: key } : {}) };
  }

  /** Remembers the model discovered for a profile that had none. */
  rememberModel(id: string, model: string): void {
    this.#save(this.#stored().map((p) => (p.id === id ? { ...p, defaultModel: model } : p)));
  }

  #stored(): StoredProfile[] {
    return this.deps.store.getSettings().profiles ?? [];
  }

  #find(id: string): StoredProfile {
    const found = this.#stored().find((p) => p.id === id);
    if (!found)
      throw new AppError(
        userError('not-found', 'That backend profile no longer exists.', 'Pick another profile in settings.'),
      );
    return found;
  }

  #save(profiles: StoredProfile[]): void {
    this.deps.store.updateSettings({ profiles });
    this.deps.onChanged?.();
  }

  #checkName(name: string, exceptId?: string): void {
    const clash = this.#stored().some(
      (p) => p.id !== exceptId && p.name.toLowerCase() === name.trim().toLowerCase(),
    );
    if (clash) throw invalid({ name: `A profile named "${name.trim()}" already exists. Pick another name.` });
  }

  #input(stored: StoredProfile): ParsedProfileInput {
    return {
      name: stored.name,
      kind: stored.kind,
      baseUrl: stored.baseUrl,
      params: stored.params,
      ...(stored.defaultModel ? { defaultModel: stored.defaultModel } : {}),
    };
  }

  /** The stored fields for validated input; the key is encrypted, or kept/removed as asked. */
  async #fields(
    input: ParsedProfileInput,
    current: StoredProfile | undefined,
  ): Promise<Omit<StoredProfile, 'id'>> {
    const fields: Omit<StoredProfile, 'id'> = {
      name: input.name,
      kind: input.kind,
      baseUrl: input.baseUrl,
      params: input.params,
    };
    if (input.defaultModel) fields.defaultModel = input.defaultModel;
    if (typeof input.apiKey === 'string' && input.apiKey.length > 0)
      fields.apiKeyCipher = await this.deps.secrets.encrypt(input.apiKey);
    else if (input.apiKey === undefined && current?.apiKeyCipher) fields.apiKeyCipher = current.apiKeyCipher;
    return fields;
  }

  async #key(profile: StoredProfile): Promise<string | undefined> {
    const memory = this.#memoryKeys.get(profile.id);
    if (memory) return memory;
    if (profile.apiKeyCipher) {
      try {
        return await this.deps.secrets.decrypt(profile.apiKeyCipher);
      } catch {
        throw new AppError(
          userError(
            'auth',
            `The saved key of "${profile.name}" could not be decrypted on this machine.`,
            'Enter the key again in settings.',
            {
              action: { kind: 'open-profile', profileId: profile.id },
            },
          ),
        );
      }
    }
    return profile.kind === 'openai' ? this.deps.environmentKey : undefined;
  }

  #view(profile: StoredProfile): ProfileView {
    const source =
      this.#memoryKeys.has(profile.id) || profile.apiKeyCipher
        ? 'saved'
        : profile.kind === 'openai' && this.deps.environmentKey
          ? 'environment'
          : 'none';
    return {
      id: profile.id,
      name: profile.name,
      kind: profile.kind,
      baseUrl: profile.baseUrl,
      ...(profile.defaultModel ? { defaultModel: profile.defaultModel } : {}),
      params: profile.params,
      hasApiKey: source !== 'none',
      apiKeySource: source,
      location: locationOf(profile.baseUrl),
    };
  }

  /** First run, or settings from before profiles: make sure there is a default profile; apply an override. */
  #migrate(): void {
    const settings = this.deps.store.getSettings();
    let profiles = settings.profiles ?? [];
    let defaultProfileId = settings.defaultProfileId;
    if (profiles.length === 0) {
      // First run: the backend given on the command line (or from before profiles), else Ollama.
      const given =
        this.deps.override?.baseUrl !== undefined ? normaliseBaseUrl(this.deps.override.baseUrl) : undefined;
      if (given && !given.ok) throw new Error(given.reason);
      const baseUrl = given?.ok ? given.url : (settings.baseUrl ?? profilePresets.ollama.baseUrl);
      const kind = guessKind(baseUrl);
      const profile: StoredProfile = {
        id: this.#newId(),
        name: profilePresets[kind].name,
        kind,
        baseUrl,
        params: {},
        ...(settings.model ? { defaultModel: settings.model } : {}),
      };
      profiles = [profile];
      defaultProfileId = profile.id;
    }
    const override = this.deps.override;
    if (override?.baseUrl !== undefined) {
      const normalised = normaliseBaseUrl(override.baseUrl);
      if (!normalised.ok) throw new Error(normalised.reason);
      let profile = profiles.find((p) => p.baseUrl === normalised.url);
      if (!profile) {
        const kind = guessKind(normalised.url);
        const taken = new Set(profiles.map((p) => p.name.toLowerCase()));
        let name = profilePresets[kind].name;
        for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${profilePresets[kind].name} ${n}`;
        profile = { id: this.#newId(), name, kind, baseUrl: normalised.url, params: {} };
        profiles = [...profiles, profile];
      }
      if (override.model !== undefined) profile.defaultModel = override.model;
      defaultProfileId = profile.id;
      if (override.apiKey) this.#memoryKeys.set(profile.id, override.apiKey);
    } else if (override?.model !== undefined) {
      profiles = profiles.map((p) =>
        p.id === defaultProfileId ? { ...p, defaultModel: override.model } : p,
      );
    }
    if (override?.apiKey && override.baseUrl === undefined && defaultProfileId)
      this.#memoryKeys.set(defaultProfileId, override.apiKey);
    // Profiles still in the index (data from before profiles.json) move to their own file now.
    const changed =
      !this.deps.store.hasProfilesFile() ||
      profiles !== settings.profiles ||
      defaultProfileId !== settings.defaultProfileId ||
      override?.model !== undefined;
    if (changed)
      this.deps.store.updateSettings({
        profiles,
        ...(defaultProfileId ? { defaultProfileId } : {}),
        baseUrl: undefined,
        model: undefined,
      });
  }
}
