import { profilePresets, type ProfileView } from '../../../../shared/domain/profiles';
import type { AppState } from '../app-state';

/**
 * When the welcome screen offers itself, decided from what the window already knows (no route of
 * its own): each selector returns a boolean, so components re-render only when it flips.
 */

/** The profile main makes on first run when told nothing: Ollama at its default URL, untouched. */
export function isBuiltInDefault(profile: ProfileView): boolean {
  return (
    profile.kind === 'ollama' &&
    profile.baseUrl === profilePresets.ollama.baseUrl &&
    profile.name === profilePresets.ollama.name &&
    !profile.hasApiKey &&
    profile.defaultModel === undefined
  );
}

/** First run: nothing said yet, and only the built-in default profile. */
export function isFirstRun(state: AppState): boolean {
  const [only, ...others] = state.profiles;
  return (
    state.conversationsLoaded &&
    state.conversations.length === 0 &&
    state.profilesLoaded &&
    only !== undefined &&
    others.length === 0 &&
    isBuiltInDefault(only)
  );
}

/**
 * Every profile was checked and none answers (a cloud profile while the network is down is
 * "offline", not unreachable: it comes back by itself).
 */
export function noProfileReachable(state: AppState): boolean {
  return (
    state.profilesLoaded &&
    state.profiles.length > 0 &&
    state.profiles.every((p) => state.profileStatuses[p.id]?.state === 'unreachable')
  );
}

/** The open conversation has nothing in it yet (or none is open: the next message starts one). */
export function conversationIsEmpty(state: AppState): boolean {
  return (
    state.conversationsLoaded &&
    (state.open ? state.open.messages.length === 0 : state.selectedId === undefined)
  );
}

/** Whether welcome is due by itself (first run, or nothing reachable), before the user's own choices. */
export function onboardingDue(state: AppState): boolean {
  return conversationIsEmpty(state) && (isFirstRun(state) || noProfileReachable(state));
}
