import type { AssistantApi } from '../../../../shared/contract/api';
import type { Result } from '../../../../shared/contract/result';
import type { DiscoveredServer, DiscoveryReport } from '../../../../shared/domain/discovery';
import type { UserError } from '../../../../shared/domain/errors';
import { profilePresets, type ProfileInput, type ProfileView } from '../../../../shared/domain/profiles';
import type { AppState } from '../app-state';
import { createStore, type Store } from '../core/create-store';
import type { ConversationsController } from '../conversations/conversations-controller';
import { selectedSummary } from '../profiles/backend-selectors';
import type { ProfilesController } from '../profiles/profiles-controller';
import { freeProfileName } from './profile-name';

export type ScanState =
  | { phase: 'idle' }
  | { phase: 'scanning' }
  | { phase: 'done'; report: DiscoveryReport }
  | { phase: 'failed'; error: UserError };

/** One found server's "Use this": being added, or why it was not. */
export type OfferState = { state: 'adding' } | { state: 'failed'; error: UserError };

export interface OnboardingState {
  scan: ScanState;
  /** "Skip for now" (this session): the welcome screen no longer offers itself. */
  dismissed: boolean;
  /** Opened on purpose ("Find local servers" in settings, or kept open after adding a server). */
  forced: boolean;
  /** Bumped when the screen should take focus (opened on purpose). */
  focusRequest: number;
  /** By base URL. */
  offers: Readonly<Record<string, OfferState>>;
  /** Profiles made here this session, by the base URL they came from. */
  added: Readonly<Record<string, string>>;
}

/**
 * The welcome screen: scanning this computer for model servers (`onboarding.scan`), turning one into
 * a profile in one click, or a cloud key or a URL when nothing was found. A profile made here becomes
 * the default when the default does not answer, and the empty chat open now moves to it.
 */
export class OnboardingController {
  readonly store: Store<OnboardingState> = createStore<OnboardingState>({
    scan: { phase: 'idle' },
    dismissed: false,
    forced: false,
    focusRequest: 0,
    offers: {},
    added: {},
  });

  constructor(
    private readonly api: AssistantApi,
    private readonly app: Store<AppState>,
    private readonly profiles: ProfilesController,
    private readonly conversations: ConversationsController,
  ) {}

  /** Looks again ("Check again"); a scan already running is not started twice. */
  async scan(): Promise<void> {
    if (this.store.getState().scan.phase === 'scanning') return;
    this.store.setState({ scan: { phase: 'scanning' } });
    const scanned = await this.api.invoke('onboarding.scan');
    this.store.setState({
      scan: scanned.ok ? { phase: 'done', report: scanned.value } : { phase: 'failed', error: scanned.error },
    });
  }

  /** Scans once when the screen first shows (and again only on "Check again"). */
  scanOnce(): void {
    if (this.store.getState().scan.phase === 'idle') void this.scan();
  }

  /** "Use this": a profile from the kind's preset at the found URL. */
  async use(server: DiscoveredServer): Promise<Result<ProfileView>> {
    const key = server.baseUrl;
    this.store.setState((s) => ({ offers: { ...s.offers, [key]: { state: 'adding' } } }));
    const preset = profilePresets[server.kind];
    const created = await this.add(
      {
        name: freeProfileName(
          preset.name,
          this.app.getState().profiles.map((p) => p.name),
          server.port,
        ),
        kind: server.kind,
        baseUrl: server.baseUrl,
        ...(server.models[0] !== undefined ? { defaultModel: server.models[0] } : {}),
      },
      key,
    );
    this.store.setState((s) => {
      const { [key]: _done, ...rest } = s.offers;
      return { offers: created.ok ? rest : { ...rest, [key]: { state: 'failed', error: created.error } } };
    });
    return created;
  }

  /**
   * Saves a profile made here (a found server, a cloud key, a URL). It becomes the default when the
   * default does not answer, and the empty chat open now moves to it, so the next message goes there.
   */
  async add(input: ProfileInput, from?: string): Promise<Result<ProfileView>> {
    // Kept open from the start: once the profile lands it is no longer a first run, and the screen
    // must not unmount under the user between the two updates.
    this.store.setState({ forced: true });
    const created = await this.profiles.create(input);
    if (!created.ok) return created;
    const profile = created.value;
    this.store.setState((s) => ({ added: { ...s.added, [from ?? input.baseUrl]: profile.id } }));
    const state = this.app.getState();
    const defaultState = state.defaultProfileId
      ? state.profileStatuses[state.defaultProfileId]?.state
      : undefined;
    if (defaultState !== 'online') await this.profiles.makeDefault(profile.id);
    const open = state.open;
    const openProfileId = selectedSummary(state)?.profileId;
    if (open && open.messages.length === 0 && openProfileId !== profile.id) {
      const openState = openProfileId ? state.profileStatuses[openProfileId]?.state : undefined;
      if (openState !== 'online') await this.conversations.setBackend(profile.id, null);
    }
    return created;
  }

  /** "Skip for now" / "Start chatting": the screen stays away until opened from settings. */
  dismiss(): void {
    this.store.setState({ dismissed: true, forced: false });
  }

  /** "Find local servers" in settings: shows the screen and looks again. */
  reopen(): void {
    // It shows in place of an empty chat: over a conversation with messages, start a new one.
    const open = this.app.getState().open;
    if (open && open.messages.length > 0) void this.conversations.newChat();
    this.store.setState((s) => ({ forced: true, dismissed: false, focusRequest: s.focusRequest + 1 }));
    void this.scan();
  }
}
