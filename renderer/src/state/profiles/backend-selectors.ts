import type { ConversationSummary } from '../../../../shared/domain/conversation';
import type { ProfileView } from '../../../../shared/domain/profiles';
import type { AppState } from '../app-state';

/**
 * Selectors for useAppState: each returns a value already in the state (or a primitive), never a
 * new object, so components re-render only when it really changed.
 */

export function selectedSummary(state: AppState): ConversationSummary | undefined {
  return state.conversations.find((c) => c.id === state.selectedId);
}

/** The profile the open conversation talks to: its own, else the default (also for a chat not created yet). */
export function currentProfile(state: AppState): ProfileView | undefined {
  const own = selectedSummary(state)?.profileId;
  return (
    (own !== undefined ? state.profiles.find((p) => p.id === own) : undefined) ??
    state.profiles.find((p) => p.id === state.defaultProfileId) ??
    state.profiles[0]
  );
}

/** The model chosen for the open conversation, if one was; otherwise the profile's default applies. */
export function chosenModel(state: AppState): string | undefined {
  return selectedSummary(state)?.chosenModel;
}
