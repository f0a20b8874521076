import type { ProfileView } from '../../../shared/domain/profiles';
import { backendHost, isLocalBackend } from './backend-host';

/**
 * Where replies come from, for the empty state: this computer, a machine on the local network, or
 * a cloud service, by the profile's location. Undefined while no profile is known: better to say
 * nothing than "runs locally" about what may be a cloud backend.
 */
export function backendPlaceText(
  profile: Pick<ProfileView, 'location' | 'baseUrl'> | undefined,
): string | undefined {
  if (!profile) return undefined;
  const host = backendHost(profile.baseUrl);
  if (profile.location === 'cloud') return `Replies come from ${host}, a cloud service.`;
  return isLocalBackend(profile.baseUrl)
    ? 'Your model runs locally, on this computer.'
    : `Your model runs on your local network, at ${host}.`;
}
